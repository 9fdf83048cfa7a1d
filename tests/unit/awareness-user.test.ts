import { describe, expect, it } from 'vitest'

import {
  codemirrorUser,
  colourToTake,
  type Participant,
  participantOf,
  PRESENCE_COLORS,
} from '../../client/src/notes/awarenessUser.js'

describe('participants from awareness', () => {
  it('prefers the board presence record, with the role field', () => {
    const state = {
      presence: { userName: 'Ada', color: '#ff0000', userId: 'user:ada' },
      user: { name: 'old', color: '#000000' },
      role: 'candidate',
    }
    expect(participantOf(3, state, 3)).toEqual({
      clientId: 3,
      userId: 'user:ada',
      name: 'Ada',
      color: '#ff0000',
      role: 'candidate',
      isLocal: true,
    })
  })

  it('falls back to the notes user field and ignores bogus roles', () => {
    expect(participantOf(4, { user: { name: 'Bo', color: '#00ff00' }, role: 'admin' }, 1)).toEqual({
      clientId: 4,
      userId: null,
      name: 'Bo',
      color: '#00ff00',
      role: null,
      isLocal: false,
    })
  })

  it('skips states that say nothing about a person', () => {
    expect(participantOf(5, { cursor: null }, 1)).toBeNull()
  })

  it('gives y-codemirror a translucent selection colour', () => {
    expect(codemirrorUser('Ada', '#FF0000')).toEqual({
      name: 'Ada',
      color: '#FF0000',
      colorLight: '#FF000033',
    })
    expect(codemirrorUser('Ada', 'red').color).toBe('#888888')
  })

  it('gives way on a colour clash (the higher client id moves) to a colour nobody uses', () => {
    const person = (clientId: number, color: string): Participant => ({
      clientId,
      userId: `user:${clientId}`,
      name: `P${clientId}`,
      color,
      role: null,
      isLocal: false,
    })
    const [blue, red] = [PRESENCE_COLORS[0], PRESENCE_COLORS[1]]
    expect(colourToTake(person(2, blue), [person(1, blue), person(3, red)])).toBe(PRESENCE_COLORS[2])
    expect(colourToTake(person(1, blue), [person(2, blue)])).toBeNull()
    // A colour outside the palette (tldraw's random pick, near-twins like #EC5E41/#F2555A) is replaced.
    expect(colourToTake(person(1, '#EC5E41'), [person(2, blue)])).toBe(red)
    // Everyone ends distinct: apply the rule until nobody changes.
    const people = [person(5, blue), person(3, blue), person(9, blue), person(4, blue)]
    for (let changed = true; changed;) {
      changed = false
      for (const p of people) {
        const next = colourToTake(
          p,
          people.filter((q) => q !== p),
        )
        if (next) {
          p.color = next
          changed = true
        }
      }
    }
    expect(new Set(people.map((p) => p.color)).size).toBe(people.length)
  })
})
