import { createBoardSchema } from '@mockboard/shared/boardSchema'
import { richTextOf, richTextProblem } from '@mockboard/shared/richText'
import type { TLSchema } from '@tldraw/tlschema'

/**
 * Checks the entries a board update puts into the records array (y-utility YKeyValue layout,
 * `{ key, val }`) against tldraw's schema with our shapes: the same validators the browser's store
 * runs, so what the server stores every reader can load. Built once per app (building costs ~0.1 s).
 */
export class BoardRecordCheck {
  private readonly schema: TLSchema = createBoardSchema()
  /** The schema the board's doc records (meta `schema`), as this build's browsers write it. */
  private readonly serializedSchema = JSON.stringify(this.schema.serialize())

  /**
   * Why a value written into the board's meta map is refused, or null. Its one key, `schema`, is
   * what every browser checks before loading the board: a link holder writing a newer or made-up
   * one showed everyone "Incompatible board". Browsers write this build's schema, nothing else.
   */
  schemaProblem(value: unknown): string | null {
    return JSON.stringify(value) === this.serializedSchema ? null : 'board schema is not this server’s'
  }

  /** Why the first bad entry is refused, or null when every entry is a valid document record. */
  problem(entries: readonly unknown[]): string | null {
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) return 'entry is not an object'
      const { key, val } = entry as { key?: unknown; val?: unknown }
      if (typeof key !== 'string' || typeof val !== 'object' || val === null)
        return 'entry is not { key, val }'
      const record = val as { id?: unknown; typeName?: unknown }
      if (record.id !== key) return `record id does not match its key ${key}`
      const type =
        typeof record.typeName === 'string'
          ? this.schema.types[record.typeName as keyof TLSchema['types']]
          : undefined
      // Session-scoped records (cameras, presence, pointers) never belong in the shared doc.
      if (!type || type.scope !== 'document') return `record ${key}: not a document record type`
      try {
        type.validate(val)
      } catch (err) {
        return `record ${key}: ${err instanceof Error ? err.message : 'invalid'}`
      }
      const richText = richTextOf(val)
      const unreadable = richText === undefined ? null : richTextProblem(richText)
      if (unreadable) return `record ${key}: rich text tldraw cannot draw (${unreadable})`
      // Valid by the schema, and no tool makes one: tldraw's error screen in every browser.
      const binding = val as { typeName: unknown; fromId?: unknown; toId?: unknown }
      if (binding.typeName === 'binding' && binding.fromId === binding.toId)
        return `record ${key}: binds a shape to itself`
    }
    return null
  }
}
