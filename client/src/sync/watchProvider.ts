import { FATAL_CLOSE_CODES, SILENCE_TIMEOUT_MS } from '@mockboard/shared'
import type { WebsocketProvider } from 'y-websocket'

import type { ConnectionState } from './connectionState'

export interface ProviderWatch {
  /** Called whenever the honest state may have changed (same value repeats are possible). */
  onState: (state: ConnectionState) => void
  /** Called once with the close code when the server refused us for good. */
  onFatal?: (code: number) => void
}

/** How often the silence check runs; detection takes SILENCE_TIMEOUT_MS plus at most this. */
const CHECK_MS = 250

/**
 * Tells the truth about one y-websocket provider: offline as soon as the browser says so, and
 * "reconnecting" when the server's heartbeat stops arriving (a silent drop keeps the socket open,
 * so neither the browser nor y-websocket's 30 s watchdog notice in time). Either way the dead
 * socket is dropped and a new one started, so recovery begins at once rather than after 30 s.
 * Fatal closes (FATAL_CLOSE_CODES) stop the reconnect loop for good.
 */
export function watchProvider(provider: WebsocketProvider, watch: ProviderWatch): () => void {
  let everSynced = false
  let fatal = false

  const compute = (): ConnectionState => {
    if (fatal) return 'failed'
    const online = typeof navigator === 'undefined' || navigator.onLine
    if (!online) return 'offline'
    if (provider.wsconnected && provider.synced) return 'connected'
    return everSynced ? 'reconnecting' : 'connecting'
  }
  const report = () => watch.onState(compute())

  /** Drops the current socket (without waiting for a close handshake a dead link never completes). */
  const restart = () => {
    if (fatal || !provider.shouldConnect) return
    provider.disconnect()
    provider.connect()
  }

  const onSync = (synced: boolean) => {
    if (synced) everSynced = true
    report()
  }
  const onOffline = () => {
    report()
    restart()
  }
  const onOnline = () => {
    // Don't sit out the backoff: the network is back now.
    if (!provider.wsconnected) restart()
    report()
  }
  const onClosed = ({ code }: { code: number }) => {
    if (!FATAL_CLOSE_CODES.has(code)) return
    fatal = true
    provider.shouldConnect = false
    report()
    watch.onFatal?.(code)
  }
  let lastCheck = Date.now()
  let graceUntil = 0
  const check = setInterval(() => {
    const now = Date.now()
    // A late tick means this page was frozen (busy main thread, throttled tab): frames may still
    // sit in the queue behind us, so silence measured across the freeze proves nothing.
    if (now - lastCheck > 4 * CHECK_MS) graceUntil = now + CHECK_MS * 2
    lastCheck = now
    if (now < graceUntil) return
    const heard = Math.max(provider.wsLastMessageReceived, graceUntil)
    if (provider.wsconnected && now - heard > SILENCE_TIMEOUT_MS) {
      restart()
      report()
    }
  }, CHECK_MS)

  provider.on('sync', onSync)
  provider.on('status', report)
  provider.on('closed', onClosed)
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
  }
  report()
  return () => {
    clearInterval(check)
    provider.off('sync', onSync)
    provider.off('status', report)
    provider.off('closed', onClosed)
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
    }
  }
}
