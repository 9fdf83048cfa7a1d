/** What the status pill shows; 'failed' means the server refused us for good. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'failed'

/** Board lifecycle: waiting for the first sync, bound and usable, or refused with a reason. */
export type BoardPhase =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; title: string; message: string }

/** A close retrying cannot fix, as the banner shows it. */
export interface FatalClose {
  code: number
  title: string
  message: string
}

const SEVERITY: Record<ConnectionState, number> = {
  connected: 0,
  connecting: 1,
  reconnecting: 2,
  offline: 3,
  failed: 4,
}

/** The state to show for several documents at once: the least healthy one. */
export function worstState(...states: ConnectionState[]): ConnectionState {
  return states.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'connected')
}
