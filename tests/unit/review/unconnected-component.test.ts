import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'unconnected-component'

describe('unconnected-component', () => {
  it('flags a component with no arrow at all', () => {
    const board = new TestBoard().add('api', 'service').add('db', 'relational-db').add('logs', 'logging')
    board.connect('api', 'db')
    expect(found(board, rule)).toEqual([['shape:logs']])
  })

  it('counts an arrow in either direction, and ignores arrows bound at one end only', () => {
    const board = new TestBoard().add('a', 'service').add('b', 'worker').connect('b', 'a')
    board.records.push({
      id: 'binding:loose',
      typeName: 'binding',
      type: 'arrow',
      fromId: 'shape:loose',
      toId: 'shape:c',
      props: { terminal: 'start' },
    })
    board.add('c', 'cache')
    board.records.push({ id: 'shape:loose', typeName: 'shape', type: 'arrow', props: {} })
    expect(found(board, rule)).toEqual([['shape:c']])
  })
})
