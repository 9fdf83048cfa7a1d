import type { TLRecord } from 'tldraw'

/** Distinct label texts kept; a board has far fewer, so this only bounds a hostile log. */
const MAX_TEXTS = 4096

/**
 * Gives every shape whose label reads the same one shared rich-text object. tldraw turns rich
 * text into HTML (for measuring and drawing labels) through a cache keyed by the object itself,
 * and the conversion builds a ProseMirror schema each time: on the 420-shape benchmark board that
 * was ~0.35 s of the replay's first render, and again for each arrow a far seek re-puts. Labels
 * repeat a lot ("HTTP", "gRPC", a component's name from one instant to the next), and tldraw
 * never mutates a record, so sharing the object is safe.
 */
export class RichTextInterner {
  private readonly texts = new Map<string, unknown>()

  intern<R extends TLRecord>(record: R): R {
    if (record.typeName !== 'shape') return record
    const props = record.props as { richText?: unknown }
    if (props.richText === undefined) return record
    const key = JSON.stringify(props.richText)
    let shared = this.texts.get(key)
    if (shared === undefined) {
      if (this.texts.size >= MAX_TEXTS) this.texts.clear()
      this.texts.set(key, (shared = props.richText))
    }
    props.richText = shared
    return record
  }
}
