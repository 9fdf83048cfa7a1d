import type { ConnectionState } from '../sync/connectionState'

const TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — reconnecting…',
  failed: 'Not saving',
}

/** Always-visible sync status; offline edits are kept locally and merged on reconnect. */
export function ConnectionPill({ state }: { state: ConnectionState }) {
  return (
    <div className={`mb-pill mb-pill--${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="mb-pill__dot" aria-hidden />
      {TEXT[state]}
    </div>
  )
}
