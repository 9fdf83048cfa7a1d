import { CloseCode } from '@mockboard/shared'

/** What a participant should read when the server refuses a document for good. */
export function closeMessage(code: number): { title: string; message: string } {
  switch (code) {
    case CloseCode.messageTooBig:
      return {
        title: 'Your last change was too large to send',
        message:
          'It was not saved, and syncing stopped so it is not sent again and again. Reload to continue ' +
          'from the saved board (that change will be lost); paste large images in smaller pieces.',
      }
    case CloseCode.malformed:
      return {
        title: 'The server refused your last change',
        message:
          'It was not saved, and syncing stopped. Reload to continue from the saved board; if this ' +
          'repeats, this browser may run an outdated Mockboard.',
      }
    case CloseCode.docFull:
      return {
        title: "This board is full: new edits can't be saved",
        message:
          'It reached the size limit of this server. Export what you need, or start a new session to keep drawing.',
      }
    case CloseCode.badToken:
      return {
        title: 'This invite link is not valid',
        message:
          'The link is expired, mistyped or belongs to another session. Ask the host for a fresh link.',
      }
    case CloseCode.forbidden:
      return { title: 'No access to this board', message: 'Your role may not open this board.' }
    case CloseCode.notFound:
      return {
        title: 'Session not found',
        message: 'This session does not exist (any more). Check the link or create a new session.',
      }
    case CloseCode.sessionDeleted:
      return {
        title: 'This session was deleted',
        message: 'Its board, notes, recording and report were removed from the server.',
      }
    default:
      return { title: 'Disconnected', message: `The server closed the connection (code ${code}).` }
  }
}
