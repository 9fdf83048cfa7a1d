/** Wire-level constants shared by the sync server and its clients. */

/** The Yjs documents of a session; each has its own permissions per role. */
export const DOC_NAMES = ['board', 'control', 'private'] as const
export type DocName = (typeof DOC_NAMES)[number]

export function isDocName(value: unknown): value is DocName {
  return typeof value === 'string' && (DOC_NAMES as readonly string[]).includes(value)
}

/** y-websocket message types (first varint of every binary frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Audio signalling on the control document (shared/src/voice/signal.ts): Mockboard's own. */
  signal: 5,
} as const

/** WebSocket close codes the server uses; the reason string repeats the name. */
export const CloseCode = {
  /** Server shutting down or restarting; clients should reconnect. */
  goingAway: 1001,
  /** A text frame: the protocol is binary only. */
  unsupportedData: 1003,
  /** A frame larger than the configured limit. */
  messageTooBig: 1009,
  /** The server failed (storage error): nothing the client sent was lost; reconnecting is fine. */
  internalError: 1011,
  /** A frame that does not decode as a y-websocket message. */
  malformed: 4400,
  /** Missing, forged, expired or other-session token. */
  badToken: 4401,
  /** The token's role may not open this document. */
  forbidden: 4403,
  /** No such session, or no such document. */
  notFound: 4404,
  /** The client read too slowly: its send buffer passed the configured limit. Reconnecting is fine. */
  slowConsumer: 4408,
  /** An audio signal that does not parse, or that the sender's role may not send (an observer's send track). */
  badSignal: 4422,
  /** The session already has the maximum number of sockets. */
  sessionFull: 4409,
  /** The session was deleted (by its interviewer, its workspace, or the retention period): nothing is left. */
  sessionDeleted: 4410,
  /** The document reached its stored-bytes cap: further writes are refused. */
  docFull: 4413,
  /** Too many messages or bytes per second on this connection. */
  rateLimited: 4429,
  /** The whole server holds its maximum number of sockets; retry later. */
  serverFull: 4503,
} as const
export type CloseCodeName = keyof typeof CloseCode

/** Reason text sent with each close code (short: reasons are capped at 123 bytes). */
export const CloseReason: Record<CloseCodeName, string> = {
  goingAway: 'server shutting down',
  unsupportedData: 'text frames are not supported',
  messageTooBig: 'message too big',
  internalError: 'internal error',
  malformed: 'malformed message',
  badToken: 'bad token',
  forbidden: 'role may not open this document',
  notFound: 'no such session',
  slowConsumer: 'reading too slowly',
  badSignal: 'audio signal refused',
  sessionFull: 'session is full',
  sessionDeleted: 'session deleted',
  docFull: 'this board is full',
  rateLimited: 'rate limited',
  serverFull: 'server is full',
}

/** Close codes after which a client should stop retrying: retrying cannot help. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  // Resending the same state would be refused again: the client must stop and say so.
  CloseCode.messageTooBig,
  CloseCode.malformed,
  CloseCode.docFull,
  CloseCode.badToken,
  CloseCode.forbidden,
  CloseCode.notFound,
  CloseCode.sessionDeleted,
])

/** Path under which the sync WebSocket lives: `/sync/<sessionId>/<doc>`. */
export const SYNC_PATH = '/sync'
