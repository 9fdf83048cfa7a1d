/** What the status pill shows; 'failed' means the server refused us for good. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'failed'

/** Board lifecycle: waiting for the first sync, bound and usable, or refused with a reason. */
export type BoardPhase =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; title: string; message: string }
