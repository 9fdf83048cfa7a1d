import type { TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'

import { RichTextInterner } from '../../client/src/replay/RichTextInterner.js'

const text = (words: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }],
})
/** A record as the projector parses it from its stored JSON: a fresh object each time. */
const arrow = (id: string, words: string) =>
  JSON.parse(
    JSON.stringify({
      id: `shape:${id}`,
      typeName: 'shape',
      type: 'arrow',
      props: { richText: text(words), color: 'black' },
    }),
  ) as TLRecord
const richTextOf = (record: TLRecord) =>
  (record as unknown as { props: { richText: unknown } }).props.richText

describe('labels that read the same share one rich-text object (tldraw caches their HTML by object)', () => {
  it('gives equal labels one object, different labels their own, and keeps every value', () => {
    const interner = new RichTextInterner()
    const a = interner.intern(arrow('a', 'HTTP'))
    const b = interner.intern(arrow('b', 'HTTP'))
    const c = interner.intern(arrow('c', 'gRPC'))
    expect(richTextOf(a)).toBe(richTextOf(b))
    expect(richTextOf(c)).not.toBe(richTextOf(a))
    expect(richTextOf(a)).toEqual(text('HTTP'))
    expect(richTextOf(c)).toEqual(text('gRPC'))
    // The same arrow put again at a later instant (a seek) finds the same object.
    expect(richTextOf(interner.intern(arrow('a', 'HTTP')))).toBe(richTextOf(a))
  })

  it('leaves records without rich text as they are', () => {
    const interner = new RichTextInterner()
    const page = { id: 'page:page', typeName: 'page', name: 'Page 1' } as unknown as TLRecord
    expect(interner.intern(page)).toBe(page)
    const card = JSON.parse(
      JSON.stringify({
        id: 'shape:x',
        typeName: 'shape',
        type: 'system-component',
        props: { label: 'Cache' },
      }),
    ) as TLRecord
    expect(interner.intern(card)).toEqual(card)
  })

  it('stays bounded under a log of ever-new labels', () => {
    const interner = new RichTextInterner()
    const first = interner.intern(arrow('a', 'label 0'))
    for (let i = 1; i <= 5000; i++) interner.intern(arrow('a', `label ${i}`))
    // The table was emptied on the way: the first label is a new object again, equal in value.
    const again = interner.intern(arrow('a', 'label 0'))
    expect(richTextOf(again)).not.toBe(richTextOf(first))
    expect(richTextOf(again)).toEqual(richTextOf(first))
  })
})
