/**
 * Wire format of `GET /api/sessions/:id/segment`: one stretch of a document's log between two
 * snapshots, for a replay client to rebuild every instant of it locally.
 *
 *   "MBSEG1" · uint32 (big-endian) length of the JSON header · header · payload
 *
 * The header lists the parts; the payload holds their bytes back to back, snapshot first.
 */
export interface SegmentHeader {
  /** The snapshot the segment opens with (seq 0 and no bytes: the empty document). */
  snapshot: { seq: number; at: number; size: number }
  /** True when the snapshot's bytes were left out (the client asked with `snapshot=0`). */
  snapshotOmitted: boolean
  /** Seq of the snapshot that closes the segment; null while it is the live end of the log. */
  closedBy: number | null
  updates: { seq: number; at: number; size: number }[]
}

export interface DecodedSegment {
  header: SegmentHeader
  snapshot: Uint8Array | null
  updates: { seq: number; at: number; data: Uint8Array }[]
}

const MAGIC = 'MBSEG1'

export function encodeSegment(
  header: SegmentHeader,
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header))
  const payload = (snapshot?.byteLength ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0)
  const out = new Uint8Array(MAGIC.length + 4 + json.byteLength + payload)
  out.set(new TextEncoder().encode(MAGIC), 0)
  new DataView(out.buffer).setUint32(MAGIC.length, json.byteLength)
  let pos = MAGIC.length + 4
  out.set(json, pos)
  pos += json.byteLength
  if (snapshot) {
    out.set(snapshot, pos)
    pos += snapshot.byteLength
  }
  for (const u of updates) {
    out.set(u, pos)
    pos += u.byteLength
  }
  return out
}

/** Parts are views into `bytes` (no copies). Throws on anything that is not a whole segment. */
export function decodeSegment(bytes: Uint8Array): DecodedSegment {
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    throw new Error('not a Mockboard segment')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = view.getUint32(MAGIC.length)
  let pos = MAGIC.length + 4
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(pos, pos + length))) as SegmentHeader
  pos += length
  const take = (size: number) => {
    if (pos + size > bytes.byteLength) throw new Error('segment ends early')
    const part = bytes.subarray(pos, pos + size)
    pos += size
    return part
  }
  const snapshot = header.snapshotOmitted || header.snapshot.size === 0 ? null : take(header.snapshot.size)
  const updates = header.updates.map((u) => ({ seq: u.seq, at: u.at, data: take(u.size) }))
  return { header, snapshot, updates }
}
