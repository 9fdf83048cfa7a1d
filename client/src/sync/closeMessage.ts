import { CloseCode } from '@mockboard/shared'

/** What a participant should read when the server refuses the board for good. */
export function closeMessage(code: number): { title: string; message: string } {
  switch (code) {
    case CloseCode.badToken:
      return { title: 'This invite link is not valid', message: 'The link is expired, mistyped or belongs to another session. Ask the host for a fresh link.' }
    case CloseCode.forbidden:
      return { title: 'No access to this board', message: 'Your role may not open this board.' }
    case CloseCode.notFound:
      return { title: 'Session not found', message: 'This session does not exist (any more). Check the link or create a new session.' }
    default:
      return { title: 'Disconnected', message: `The server closed the connection (code ${code}).` }
  }
}
