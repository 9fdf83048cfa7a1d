import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'cache-without-source'

describe('cache-without-source', () => {
  it('flags a cache whose connected services reach no data store', () => {
    const board = new TestBoard().add('api', 'service').add('cache', 'cache').add('lone', 'cache')
    board.connect('api', 'cache')
    expect(found(board, rule)).toEqual([['shape:cache'], ['shape:lone']])
  })

  it('does not find a store through a client', () => {
    const board = new TestBoard()
      .add('web', 'web-browser')
      .add('cache', 'cache')
      .add('api', 'service')
      .add('db', 'relational-db')
    board.connect('web', 'cache').connect('web', 'api').connect('api', 'db')
    expect(found(board, rule)).toEqual([['shape:cache']])
  })

  it('accepts cache-aside (service to cache and to the database) and a cache in front of a store', () => {
    const board = new TestBoard()
      .add('api', 'service')
      .add('cache', 'cache')
      .add('db', 'relational-db')
      .add('edge', 'cache')
      .add('blobs', 'object-storage')
    board.connect('api', 'cache').connect('api', 'db').connect('edge', 'blobs')
    expect(found(board, rule)).toEqual([])
  })
})
