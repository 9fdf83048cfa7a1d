/**
 * Application heartbeat. The server's WebSocket pings are invisible to browsers, so a silently
 * dropped connection would look "Live" until y-websocket's own 30 s watchdog fires. The server
 * therefore sends a 3-byte empty awareness frame (valid stock y-websocket: "no client changed")
 * to every socket it has sent nothing to for HEARTBEAT_MS; a client that hears nothing at all
 * for SILENCE_TIMEOUT_MS treats the socket as dead and reconnects.
 */
export const HEARTBEAT_MS = 1500

/** Over two missed heartbeats plus slack for a busy main thread; keeps detection under 5 s. */
export const SILENCE_TIMEOUT_MS = 4000
