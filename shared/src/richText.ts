import { extensions, getSchema } from '@tiptap/core'
import { Highlight } from '@tiptap/extension-highlight'
import { StarterKit } from '@tiptap/starter-kit'

/**
 * The nodes and marks tldraw's text editor knows (its getTipTapDefaultExtensions: StarterKit
 * without blockquote, code block and rule, plus highlight and text direction). tldraw's schema
 * check takes any `{ type, content }` as rich text; drawing it builds a ProseMirror node from it,
 * and an unknown node or mark, or a text node without text, throws there: tldraw's error screen.
 */
const schema = getSchema([
  StarterKit.configure({ blockquote: false, codeBlock: false, horizontalRule: false }),
  Highlight,
  extensions.TextDirection.configure({ direction: 'auto' }),
])

/** Why tldraw could not draw `value` as rich text, or null. Builds the node as drawing does (~5 µs). */
export function richTextProblem(value: unknown): string | null {
  try {
    schema.nodeFromJSON(value)
    return null
  } catch (err) {
    return err instanceof Error ? err.message : 'not rich text'
  }
}

/** A record's rich text, if it has any (text, geo, note and arrow shapes do). */
export function richTextOf(record: unknown): unknown {
  const props = (record as { props?: unknown } | null)?.props
  return typeof props === 'object' && props !== null ? (props as { richText?: unknown }).richText : undefined
}
