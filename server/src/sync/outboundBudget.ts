import type { Peer } from './Peer.js'

/** How often the whole server's unsent bytes are summed: cheap (a getter per socket), bounded lag. */
export const OUTBOUND_CHECK_MS = 250

/**
 * One slow reader is bounded by MOCKBOARD_MAX_BUFFERED_BYTES; many at once (a starved network,
 * a crowd of stalled link holders) could still hold that much each. Past `maxTotal` unsent bytes
 * summed over every socket, the sockets holding the most are closed (4408 slowConsumer, they
 * reconnect) until the rest fit. Returns what stops it.
 */
export function startOutboundBudget(
  peers: () => Iterable<Peer>,
  maxTotal: number,
  intervalMs = OUTBOUND_CHECK_MS,
): () => void {
  const timer = setInterval(() => {
    let total = 0
    const holding: Array<{ peer: Peer; bytes: number }> = []
    for (const peer of peers()) {
      if (peer.closed || !peer.socket.isOpen) continue
      const bytes = peer.socket.bufferedAmount
      if (bytes === 0) continue
      total += bytes
      holding.push({ peer, bytes })
    }
    if (total <= maxTotal) return
    holding.sort((a, b) => b.bytes - a.bytes)
    for (const { peer, bytes } of holding) {
      if (total <= maxTotal) break
      peer.close('slowConsumer')
      total -= bytes
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
