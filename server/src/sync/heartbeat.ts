import { HEARTBEAT_MS, MessageType } from '@mockboard/shared'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

import type { Peer } from './Peer.js'

/** An awareness message listing no clients: every y-websocket client accepts it and changes nothing. */
export function heartbeatFrame(): Uint8Array {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, []))
  awareness.destroy()
  doc.destroy()
  return encoding.toUint8Array(encoder)
}

/**
 * How often quiet peers are looked for. A quiet peer hears from the server every HEARTBEAT_MS to
 * HEARTBEAT_MS + this: scans are cheap next to the sends (each heartbeat is a `writev` of its own,
 * ~70 % of its cost), so scanning often lets each peer get the fewest frames the interval allows.
 */
export const HEARTBEAT_CHECK_MS = 250

/**
 * Sends the heartbeat to every peer that was sent nothing for HEARTBEAT_MS, so browsers (which
 * never see WebSocket pings) can tell a silent drop from a quiet board. Busy peers cost nothing.
 */
export function startHeartbeat(
  peers: () => Iterable<Peer>,
  intervalMs = HEARTBEAT_MS,
  checkMs = Math.min(HEARTBEAT_CHECK_MS, intervalMs / 2),
): () => void {
  const frame = heartbeatFrame()
  const timer = setInterval(() => {
    const quietSince = Date.now() - intervalMs
    for (const peer of peers()) if (peer.lastSentAt <= quietSince) peer.send(frame)
  }, checkMs)
  timer.unref()
  return () => clearInterval(timer)
}
