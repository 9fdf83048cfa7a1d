import { describe, expect, it } from 'vitest'
import { codemirrorUser, participantOf } from '../../client/src/notes/awarenessUser.js'

describe('participants from awareness', () => {
  it('prefers the board presence record, with the role field', () => {
    const state = { presence: { userName: 'Ada', color: '#ff0000' }, user: { name: 'old', color: '#000000' }, role: 'candidate' }
    expect(participantOf(3, state, 3)).toEqual({ clientId: 3, name: 'Ada', color: '#ff0000', role: 'candidate', isLocal: true })
  })

  it('falls back to the notes user field and ignores bogus roles', () => {
    expect(participantOf(4, { user: { name: 'Bo', color: '#00ff00' }, role: 'admin' }, 1)).toEqual({ clientId: 4, name: 'Bo', color: '#00ff00', role: null, isLocal: false })
  })

  it('skips states that say nothing about a person', () => {
    expect(participantOf(5, { cursor: null }, 1)).toBeNull()
  })

  it('gives y-codemirror a translucent selection colour', () => {
    expect(codemirrorUser('Ada', '#FF0000')).toEqual({ name: 'Ada', color: '#FF0000', colorLight: '#FF000033' })
    expect(codemirrorUser('Ada', 'red').color).toBe('#888888')
  })
})
