import { getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import * as Y from 'yjs'

import type { Participant } from './participant.js'
import { arrowBetween, componentShape, frameShape, LABELS, PROTOCOLS, type Rec, TECH } from './records.js'
import type { Rng } from './rng.js'

/** An action edits the board step by step; each yield is the pause (ms) before its next step. */
export type Action = Generator<number, void, void>

type Shape = Rec & { x: number; y: number; type: string; props: Record<string, unknown> }

/** Counters of what the generated session did, for the report. */
export interface Tally {
  components: number
  frames: number
  arrows: number
  deleted: number
  notesChars: number
}

export class BoardActions {
  private top: IndexKey | null = null

  constructor(
    private readonly rng: Rng,
    readonly tally: Tally,
  ) {}

  /**
   * In creation order (the indexes this class hands out), not the store's order: that one follows
   * the random shape ids, and a pick from it would make the same seed draw a different board.
   */
  private shapes(p: Participant, type?: string): Shape[] {
    return (p.store.allRecords() as unknown as (Shape & { index: IndexKey })[])
      .filter((r) => r.typeName === 'shape' && (!type || r.type === type))
      .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  }

  private nextIndex(): IndexKey {
    this.top = getIndexAbove(this.top)
    return this.top
  }

  private put(
    p: Participant,
    shape: Shape,
    props: Record<string, unknown>,
    extra: Partial<Shape> = {},
  ): Shape {
    const next = { ...shape, ...extra, props: { ...shape.props, ...props } } as Shape
    p.edit([next])
    return next
  }

  /** Typing into a prop, one update per keystroke, like the label editor commits. */
  private *type(p: Participant, shape: Shape, prop: string, text: string): Generator<number, Shape, void> {
    let current = this.put(p, shape, { [prop]: '' })
    yield this.rng.between(300, 700)
    for (let i = 1; i <= text.length; i++) {
      if (!p.store.has(current.id)) return current
      current = this.put(p, current, { [prop]: text.slice(0, i) })
      yield this.rng.between(110, 260)
    }
    return current
  }

  *createComponent(p: Participant): Action {
    const count = this.shapes(p, 'system-component').length
    const col = count % 14
    const row = Math.floor(count / 14)
    let shape = componentShape(
      this.rng,
      this.nextIndex(),
      col * 230 + this.rng.between(-20, 20),
      row * 140 + this.rng.between(-20, 20),
    ) as Shape
    p.edit([shape])
    this.tally.components++
    yield this.rng.between(400, 900)
    shape = yield* this.type(p, shape, 'label', this.rng.pick(LABELS.default!))
    if (this.rng.chance(0.5)) yield* this.type(p, shape, 'technology', this.rng.pick(TECH))
  }

  *createFrame(p: Participant): Action {
    let frame = frameShape(
      this.rng,
      this.nextIndex(),
      this.rng.between(-200, 2400),
      this.rng.between(-200, 1400),
    ) as Shape
    p.edit([frame])
    this.tally.frames++
    for (let i = 0; i < 24; i++) {
      yield this.rng.between(16, 34)
      frame = this.put(p, frame, { w: 520 + i * 12, h: 340 + i * 8 })
    }
  }

  *createArrow(p: Participant): Action {
    const comps = this.shapes(p, 'system-component')
    if (comps.length < 2) return
    const from = this.rng.pick(comps)
    const to = this.rng.pick(comps.filter((c) => c.id !== from.id))
    const records = arrowBetween(this.nextIndex(), from, to)
    p.edit(records)
    this.tally.arrows++
    let arrow = records[0] as unknown as Shape
    // Dragging the arrow out to its target: the end point follows the pointer.
    const steps = this.rng.int(8, 16)
    for (let i = 1; i <= steps; i++) {
      yield this.rng.between(16, 34)
      if (!p.store.has(arrow.id)) return
      arrow = this.put(p, arrow, {
        end: { x: ((to.x - from.x) * i) / steps, y: ((to.y - from.y) * i) / steps },
      })
    }
    if (this.rng.chance(0.5)) {
      yield this.rng.between(500, 1500)
      const label = this.rng.pick(PROTOCOLS)
      for (let i = 1; i <= label.length && p.store.has(arrow.id); i++) {
        arrow = this.put(p, arrow, {
          richText: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: label.slice(0, i) }] }],
          },
        })
        yield this.rng.between(120, 240)
      }
    }
  }

  *drag(p: Participant): Action {
    const candidates = [...this.shapes(p, 'system-component'), ...this.shapes(p, 'system-frame')]
    if (candidates.length === 0) return
    let shape = this.rng.pick(candidates)
    const dx = this.rng.between(-6, 6)
    const dy = this.rng.between(-4, 4)
    const steps = this.rng.int(25, 80)
    for (let i = 0; i < steps; i++) {
      if (!p.store.has(shape.id)) return
      shape = this.put(p, shape, {}, { x: shape.x + dx, y: shape.y + dy })
      yield this.rng.between(16, 34)
    }
  }

  *bend(p: Participant): Action {
    const arrows = this.shapes(p, 'arrow')
    if (arrows.length === 0) return
    let arrow = this.rng.pick(arrows)
    const steps = this.rng.int(8, 24)
    for (let i = 0; i < steps && p.store.has(arrow.id); i++) {
      arrow = this.put(p, arrow, { bend: (arrow.props.bend as number) + this.rng.between(-4, 4) })
      yield this.rng.between(16, 34)
    }
  }

  *relabel(p: Participant): Action {
    const comps = this.shapes(p, 'system-component')
    if (comps.length === 0) return
    const prop = this.rng.chance(0.6) ? 'label' : 'technology'
    yield* this.type(p, this.rng.pick(comps), prop, this.rng.pick(prop === 'label' ? LABELS.default! : TECH))
  }

  *scaleOut(p: Participant): Action {
    const comps = this.shapes(p, 'system-component')
    if (comps.length === 0) return
    let shape = this.rng.pick(comps)
    for (let i = 0; i < this.rng.int(1, 3); i++) {
      shape = this.put(p, shape, { replicas: Math.min(12, (shape.props.replicas as number) + 1) })
      yield this.rng.between(200, 500)
    }
    if (this.rng.chance(0.4))
      yield* this.type(p, shape, 'shardKey', this.rng.pick(['user_id', 'tweet_id', 'region', 'hash(url)']))
  }

  *remove(p: Participant): Action {
    const comps = this.shapes(p, 'system-component')
    if (comps.length < 8) return
    const victim = this.rng.pick(comps)
    // As the editor does: the shape goes with the arrows bound to it and their bindings.
    const bindings = p.store
      .allRecords()
      .filter((r) => r.typeName === 'binding' && (r as unknown as Rec & { toId: string }).toId === victim.id)
    const arrows = new Set(bindings.map((b) => (b as unknown as { fromId: string }).fromId))
    const allBindings = p.store
      .allRecords()
      .filter((r) => r.typeName === 'binding' && arrows.has((r as unknown as { fromId: string }).fromId))
    p.edit([], [victim.id, ...arrows, ...allBindings.map((b) => b.id)] as TLRecord['id'][])
    this.tally.deleted += 1 + arrows.size
    yield this.rng.between(300, 800)
  }

  *typeNotes(p: Participant, phrases: readonly string[]): Action {
    const text = `\n- ${this.rng.pick(phrases)}`
    const notes = p.notes
    // Appended under a random heading, as people fill in the template's sections.
    const body = notes.toString()
    const headings = [...body.matchAll(/^# .*$/gm)].map((m) => (m.index ?? 0) + m[0].length)
    // A relative position follows the caret when the other person types above it meanwhile.
    let caret = Y.createRelativePositionFromTypeIndex(
      notes,
      headings.length > 0 ? this.rng.pick(headings) : body.length,
    )
    for (const ch of text) {
      const pos = Y.createAbsolutePositionFromRelativePosition(caret, p.doc)?.index ?? notes.length
      notes.insert(pos, ch)
      caret = Y.createRelativePositionFromTypeIndex(notes, pos + 1)
      this.tally.notesChars++
      yield this.rng.between(90, 240)
    }
  }
}
