/** An `RTCIceServer` as the browser takes it. */
export interface IceServer {
  urls: string | string[]
  username?: string
  credential?: string
}

const iceUrl = (url: unknown): boolean => typeof url === 'string' && /^(stun|stuns|turn|turns):\S+$/.test(url)

/** `MOCKBOARD_ICE_SERVERS`: a JSON array of RTCIceServer objects (`urls` required). Throws saying why not. */
export function parseIceServers(raw: string): IceServer[] {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new Error('not JSON')
  }
  if (!Array.isArray(value)) throw new Error('not an array')
  return value.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new Error(`entry ${i} is not an object`)
    const { urls, username, credential } = entry as Record<string, unknown>
    const list: unknown = typeof urls === 'string' ? [urls] : urls
    if (!Array.isArray(list) || list.length === 0 || !list.every(iceUrl))
      throw new Error(`entry ${i} needs urls: stun:, turn: or turns: URLs`)
    if (username !== undefined && typeof username !== 'string') throw new Error(`entry ${i}: username`)
    if (credential !== undefined && typeof credential !== 'string') throw new Error(`entry ${i}: credential`)
    return {
      urls: urls as string | string[],
      ...(username !== undefined && { username }),
      ...(credential !== undefined && { credential }),
    }
  })
}

/** `MOCKBOARD_TURN_URLS`: comma-separated turn:/turns: URLs; null when one is not. */
export function parseTurnUrls(raw: string): string[] | null {
  const list = raw
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
  return list.every((u) => /^turns?:\S+$/.test(u)) ? list : null
}
