import { describe, expect, it } from 'vitest'

import { fenced } from '../../server/src/report/inert.js'

describe('fenced user text in report.md', () => {
  it('fences with one backtick more than the longest run inside', () => {
    expect(fenced('a ```` b ` c')).toBe('`````text\na ```` b ` c\n`````')
    expect(fenced('plain')).toBe('```text\nplain\n```')
  })

  it('survives 200,000 backtick runs (spreading them into Math.max threw RangeError: a 500 for good)', () => {
    const notes = '` '.repeat(200_000) + '``````'
    expect(fenced(notes).startsWith('```````text\n')).toBe(true)
  })
})
