import { applyNotesOps, type SegmentStep } from '@mockboard/shared'

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

/** A kept segment: its steps and its keyframes by number of steps applied. */
interface Unit {
  steps: SegmentStep[]
  states: Map<number, BoardState>
  bytes: number
}

/** A keyframe past the opening only holds strings of its own segment (opening and steps): its map. */
const derivedBytes = (state: BoardState) => 256 + state.records.size * ENTRY_BYTES + state.notes.length * 2

/**
 * The replay's memory of a session, bounded by bytes, whole segments least recently used out: a
 * segment's steps and its keyframes, the materialized board after `index` of its steps (its
 * opening is index 0). Any instant of a segment is its nearest keyframe at or before it plus at
 * most `every` steps; keyframes on the way are kept as they are passed, so a far seek applies one
 * keyframe and a short tail, never the segment from its opening. Bytes count the steps' strings
 * and the opening's as if none were shared (an opening continuing the previous segment shares
 * them), and for later keyframes only their maps, since their strings are the segment's own.
 * Kept states are shared with callers and never changed: a materialized frame is a copy. A
 * segment dropped cannot be drawn from here: the page fetches it again.
 */
export class KeyframeCache {
  /** Map keeps insertion order: the first segment is the least recently used. */
  private readonly units = new Map<number, Unit>()
  private total = 0

  constructor(
    private readonly budget: number,
    private readonly every: number,
  ) {}

  get bytes(): number {
    return this.total
  }

  /** Keeps a segment's steps (replacing any kept before, with its keyframes past the opening). */
  putSteps(segment: number, steps: SegmentStep[]): void {
    const opening = this.units.get(segment)?.states.get(0)
    this.drop(segment)
    const unit: Unit = { steps, states: new Map(), bytes: stepsBytes(steps) }
    if (opening) {
      unit.states.set(0, opening)
      unit.bytes += stateBytes(opening)
    }
    this.add(segment, unit)
  }

  /** Keeps the board after `index` steps of a kept segment (index 0: its opening). */
  putState(segment: number, index: number, state: BoardState): void {
    const unit = this.touch(segment)
    if (!unit) return
    const old = unit.states.get(index)
    const size = (s: BoardState) => (index === 0 ? stateBytes(s) : derivedBytes(s))
    const grown = size(state) - (old ? size(old) : 0)
    unit.states.set(index, state)
    unit.bytes += grown
    this.total += grown
    this.evict(segment)
  }

  /** The steps of a kept segment (touching it), or undefined. */
  steps(segment: number): SegmentStep[] | undefined {
    return this.touch(segment)?.steps
  }

  /**
   * The board at `seq` inside `segment`: the nearest kept keyframe plus the steps up to `seq`,
   * keeping the keyframes passed on the way. Null when the segment or its opening is not kept.
   */
  frame(segment: number, seq: number): BoardState | null {
    const unit = this.touch(segment)
    if (!unit) return null
    const { steps } = unit
    const target = stepsAt(steps, seq)
    let from = target - (target % this.every)
    let base = unit.states.get(from)
    while (!base && from > 0) base = unit.states.get((from -= this.every))
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

  /** Forgets a segment (its steps and keyframes). */
  drop(segment: number): void {
    const unit = this.units.get(segment)
    if (!unit) return
    this.units.delete(segment)
    this.total -= unit.bytes
  }

  private touch(segment: number): Unit | undefined {
    const unit = this.units.get(segment)
    if (unit) {
      this.units.delete(segment)
      this.units.set(segment, unit)
    }
    return unit
  }

  private add(segment: number, unit: Unit): void {
    this.units.set(segment, unit)
    this.total += unit.bytes
    this.evict(segment)
  }

  /** Drops the least recently used segments until within budget; `keep` stays even alone over it. */
  private evict(keep: number): void {
    for (const segment of this.units.keys()) {
      if (this.total <= this.budget) break
      if (segment !== keep) this.drop(segment)
    }
  }
}
