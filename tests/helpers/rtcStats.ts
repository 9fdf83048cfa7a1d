import type { Page } from 'playwright-core'

/**
 * Installed before the page loads: keeps every RTCPeerConnection the page creates in
 * `window.__pcs`, so a test can read `getStats()` the way the browser reports it.
 */
export const CAPTURE_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection
  window.__pcs = []
  window.RTCPeerConnection = class extends Original {
    constructor(...args) {
      super(...args)
      window.__pcs.push(this)
    }
  }
})()`

export interface LinkStats {
  state: string
  /** Audio RTP bytes received and sent on this connection. */
  received: number
  sent: number
}

/** Each connection's state and audio bytes, from the browser's own getStats(). */
export function rtcStats(page: Page): Promise<LinkStats[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
    return Promise.all(
      pcs.map(async (pc) => {
        let received = 0
        let sent = 0
        ;(await pc.getStats()).forEach(
          (r: { type: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => {
            if (r.type === 'inbound-rtp' && r.kind === 'audio') received += r.bytesReceived ?? 0
            if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.bytesSent ?? 0
          },
        )
        return { state: pc.connectionState, received, sent }
      }),
    )
  })
}
