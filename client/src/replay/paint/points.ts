/**
 * Points of a freehand segment. tldraw 5 stores them as `path`: base64 of a Float32 first point
 * (x, y, z) and Float16 deltas after it (its `b64Vecs.decodePoints`); older records carry a plain
 * `points` array. Read without tldraw, capped, and anything unreadable is no points.
 */
const MAX_POINTS = 20_000
/** Base64 of a first point (12 bytes) and MAX_POINTS − 1 deltas (6 bytes each), padded. */
const MAX_PATH_CHARS = Math.ceil((12 + (MAX_POINTS - 1) * 6) / 3) * 4

export function decodePoints(segment: { path?: unknown; points?: unknown }): { x: number; y: number }[] {
  if (Array.isArray(segment.points))
    return (segment.points as { x?: unknown; y?: unknown }[])
      .slice(0, MAX_POINTS)
      .filter((p): p is { x: number; y: number } => typeof p?.x === 'number' && typeof p.y === 'number')
  if (typeof segment.path !== 'string' || segment.path.length === 0) return []
  let binary: string
  try {
    binary = atob(segment.path.slice(0, MAX_PATH_CHARS))
  } catch {
    return []
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  if (bytes.length < 12) return []
  const view = new DataView(bytes.buffer)
  let x = view.getFloat32(0, true)
  let y = view.getFloat32(4, true)
  const out = [{ x, y }]
  for (let at = 12; at + 6 <= bytes.length; at += 6) {
    x += float16(view.getUint16(at, true))
    y += float16(view.getUint16(at + 2, true))
    out.push({ x, y })
  }
  return out
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exp = (bits >> 10) & 31
  const frac = bits & 1023
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 31) return 0
  return sign * 2 ** (exp - 15) * (1 + frac / 1024)
}
