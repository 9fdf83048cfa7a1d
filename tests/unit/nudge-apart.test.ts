import { describe, expect, it } from 'vitest'

import { nudges } from '../../client/src/sync/nudgeApartAfterReconnect.js'

const box = (id: string, x: number, y: number, parentId = 'page:page') => ({
  id,
  parentId,
  x,
  y,
  w: 184,
  h: 76,
})

describe('nudging apart components placed on the same spot while apart', () => {
  it('moves only our clashing card, in the direction its id says, far enough to clear', () => {
    const moved = nudges([box('shape:b', 100, 100), box('shape:z', 900, 900)], [box('shape:a', 110, 105)])
    expect([...moved.keys()]).toEqual(['shape:b'])
    expect(moved.get('shape:b')).toBe(100 + 184 + 16)
    // The other page (their card is "ours" there) moves the other way: they end up apart.
    expect(nudges([box('shape:a', 110, 105)], [box('shape:b', 100, 100)]).get('shape:a')).toBe(110 - 184 - 16)
  })

  it('leaves cards that merely touch, or live in different frames, alone', () => {
    expect(nudges([box('shape:b', 100, 100)], [box('shape:a', 250, 160)]).size).toBe(0)
    expect(nudges([box('shape:b', 100, 100)], [box('shape:a', 100, 100, 'shape:frame')]).size).toBe(0)
  })
})
