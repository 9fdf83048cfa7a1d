import { applyNotesOps, type SegmentStep } from './segmentBuilder'

/** The board at one point of the log: every record as JSON by id, the schema and the notes. */
export interface BoardState {
  records: Map<string, string>
  schema: unknown
  notes: string
}

/** Per record in a kept state: its map entry and, counted as if not shared, its id and JSON. */
const ENTRY_BYTES = 64
const STEP_BYTES = 96

/** An upper bound of what a state keeps alive (V8 keeps ASCII strings at a byte per character). */
export function stateBytes(state: BoardState): number {
  let n = 256 + state.notes.length * 2
  for (const [id, json] of state.records) n += ENTRY_BYTES + id.length + json.length
  return n
}

/** The same bound for a segment's steps: each put record's JSON is a string of its own. */
export function stepsBytes(steps: readonly SegmentStep[]): number {
  let n = 256
  for (const step of steps) {
    n += STEP_BYTES
    for (const [id, json] of step.put) n += ENTRY_BYTES + id.length + json.length
    for (const id of step.remove) n += ENTRY_BYTES + id.length
    if (step.notes) for (const op of step.notes) n += 32 + ('insert' in op ? op.insert.length * 2 : 0)
  }
  return n
}

/** The index of the first step after `seq` (= how many steps are applied at `seq`). */
export function stepsAt(steps: readonly SegmentStep[], seq: number): number {
  let lo = 0
  let hi = steps.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (steps[mid]!.seq <= seq) lo = mid + 1
    else hi = mid
  }
  return lo
}

type Entry =
  | { kind: 'steps'; segment: number; steps: SegmentStep[]; bytes: number }
  | { kind: 'state'; segment: number; index: number; state: BoardState; bytes: number }

/**
 * The replay's memory of a session, bounded by bytes and least recently used out: each loaded
 * segment's steps, and keyframes, the materialized board after `index` steps of a segment (its
 * opening is index 0). Any instant of a segment is its nearest keyframe at or before it plus at
 * most `every` steps; keyframes on the way are kept as they are passed, so a far seek applies one
 * keyframe and a short tail, never the segment from its opening. Kept states are shared with
 * callers and never changed: a materialized frame is a copy. An instant whose segment's steps, or
 * every keyframe before it, were dropped cannot be drawn from here: the page fetches it again.
 */
export class KeyframeCache {
  /** Map keeps insertion order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>()
  private total = 0

  constructor(
    private readonly budget: number,
    private readonly every: number,
  ) {}

  get bytes(): number {
    return this.total
  }

  /** Keeps a segment's steps (replacing any kept before) and drops its keyframes past index 0. */
  putSteps(segment: number, steps: SegmentStep[]): void {
    for (const [key, e] of this.entries)
      if (e.kind === 'state' && e.segment === segment && e.index > 0) this.delete(key)
    this.insert(`s${segment}`, { kind: 'steps', segment, steps, bytes: stepsBytes(steps) })
  }

  /** Keeps the board after `index` steps of `segment` (index 0: its opening). */
  putState(segment: number, index: number, state: BoardState): void {
    this.insert(`k${segment}:${index}`, { kind: 'state', segment, index, state, bytes: stateBytes(state) })
  }

  /** The steps of a kept segment (touching them), or undefined. */
  steps(segment: number): SegmentStep[] | undefined {
    const e = this.touch(`s${segment}`)
    return e?.kind === 'steps' ? e.steps : undefined
  }

  /**
   * The board at `seq` inside `segment`: the nearest kept keyframe plus the steps up to `seq`,
   * keeping the keyframes passed on the way. Null when the segment is not drawable.
   */
  frame(segment: number, seq: number): BoardState | null {
    const steps = this.steps(segment)
    if (!steps) return null
    const target = stepsAt(steps, seq)
    let from = target - (target % this.every)
    let base: BoardState | undefined
    for (; from >= 0; from -= this.every) {
      const e = this.touch(`k${segment}:${from}`)
      if (e?.kind === 'state') {
        base = e.state
        break
      }
      if (from === 0) break
    }
    if (!base) return null
    if (from === target) return base
    const state: BoardState = { records: new Map(base.records), schema: base.schema, notes: base.notes }
    for (let i = from; i < target; i++) {
      const step = steps[i]!
      for (const [id, json] of step.put) state.records.set(id, json)
      for (const id of step.remove) state.records.delete(id)
      if (step.notes) state.notes = applyNotesOps(state.notes, step.notes)
      if (step.schema !== undefined) state.schema = step.schema
      const index = i + 1
      // A keyframe passed on the way: kept as a copy, since `state` goes on changing.
      if (index % this.every === 0 && index < target)
        this.putState(segment, index, { ...state, records: new Map(state.records) })
    }
    if (target % this.every === 0) this.putState(segment, target, state)
    return state
  }

  /** Forgets a segment entirely (its steps and keyframes). */
  drop(segment: number): void {
    for (const [key, e] of this.entries) if (e.segment === segment) this.delete(key)
  }

  private touch(key: string): Entry | undefined {
    const e = this.entries.get(key)
    if (e) {
      this.entries.delete(key)
      this.entries.set(key, e)
    }
    return e
  }

  private insert(key: string, entry: Entry): void {
    this.delete(key)
    this.entries.set(key, entry)
    this.total += entry.bytes
    // The newest entry stays even alone over budget: it is what the page is about to draw.
    for (const [oldest] of this.entries) {
      if (this.total <= this.budget || oldest === key) break
      this.delete(oldest)
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key)
    if (!e) return
    this.entries.delete(key)
    this.total -= e.bytes
  }
}
