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
 * Sends the heartbeat to every peer that was sent nothing for HEARTBEAT_MS, so browsers (which
 * never see WebSocket pings) can tell a silent drop from a quiet board. Busy peers cost nothing.
 */
export function startHeartbeat(peers: () => Iterable<Peer>, intervalMs = HEARTBEAT_MS): () => void {
  const frame = heartbeatFrame()
  // Checking twice per interval keeps the longest gap between frames under 1.5 × intervalMs.
  const timer = setInterval(() => {
    const quietSince = Date.now() - intervalMs / 2
    for (const peer of peers()) if (peer.lastSentAt <= quietSince) peer.send(frame)
  }, intervalMs / 2)
  timer.unref()
  return () => clearInterval(timer)
}
