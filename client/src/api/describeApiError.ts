import { ApiError } from './ApiError'

/** What to tell a person who opened a link that the server refused. */
export function describeApiError(err: unknown): { title: string; detail: string } {
  if (!(err instanceof ApiError))
    return { title: 'Something went wrong', detail: err instanceof Error ? err.message : String(err) }
  switch (err.status) {
    case 0:
      return { title: 'Server unreachable', detail: 'Check your connection and reload the page.' }
    case 401:
      return {
        title: 'This link is not valid',
        detail:
          'The invite link is incomplete, expired or belongs to another session. Ask the interviewer for a fresh link.',
      }
    case 403:
      return {
        title: 'No access to the replay',
        detail:
          'Observers cannot open replays or reports. Ask the interviewer or the candidate to share theirs.',
      }
    case 404:
      return {
        title: 'Unknown session',
        detail: 'There is no session at this address. It may have been deleted, or the link was mistyped.',
      }
    default:
      return { title: `The server answered ${err.status}`, detail: err.message }
  }
}
