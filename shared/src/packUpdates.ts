import type { DocName } from './protocol.js'
import type { SessionHistory } from './replay.js'

/**
 * `updates` of `GET /history?format=packed`: the same columns, delta-encoded so the body is a
 * third of the plain one before compression and far less after (runs of small numbers).
 * `at[0]` is absolute and each next one the gap to the previous update; `doc` is one letter per
 * update (`b`oard, `c`ontrol, `p`rivate); `seq` is the step from the previous update of the same
 * doc (from 0), so an unbroken log is all ones.
 */
export interface PackedUpdates {
  packed: 1
  at: number[]
  doc: string
  seq: number[]
  size: number[]
}

/** The history as `?format=packed` sends it. */
export type PackedSessionHistory = Omit<SessionHistory, 'updates'> & { updates: PackedUpdates }

const LETTER: Record<DocName, string> = { board: 'b', control: 'c', private: 'p' }
const DOC_OF: Record<string, DocName> = { b: 'board', c: 'control', p: 'private' }

export function packUpdates(updates: SessionHistory['updates']): PackedUpdates {
  const last: Record<string, number> = {}
  const at: number[] = []
  const seq: number[] = []
  let doc = ''
  for (let i = 0; i < updates.at.length; i++) {
    const d = updates.doc[i]!
    at.push(i === 0 ? updates.at[0]! : updates.at[i]! - updates.at[i - 1]!)
    seq.push(updates.seq[i]! - (last[d] ?? 0))
    last[d] = updates.seq[i]!
    doc += LETTER[d]
  }
  return { packed: 1, at, doc, seq, size: [...updates.size] }
}

/** Inverse of packUpdates; throws on a doc letter it does not know. */
export function unpackUpdates(packed: PackedUpdates): SessionHistory['updates'] {
  const last: Record<string, number> = {}
  const out: SessionHistory['updates'] = { at: [], doc: [], seq: [], size: packed.size }
  let at = 0
  for (let i = 0; i < packed.at.length; i++) {
    const d = DOC_OF[packed.doc[i]!]
    if (!d) throw new Error(`unknown doc letter ${packed.doc[i]} in packed history`)
    at = i === 0 ? packed.at[0]! : at + packed.at[i]!
    const seq = (last[d] ?? 0) + packed.seq[i]!
    last[d] = seq
    out.at.push(at)
    out.doc.push(d)
    out.seq.push(seq)
  }
  return out
}

export const unpackHistory = (h: PackedSessionHistory): SessionHistory => ({
  ...h,
  updates: unpackUpdates(h.updates),
})
