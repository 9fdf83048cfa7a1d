import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'deep-sync-chain'
const ids = (...names: string[]) => names.map((n) => `shape:${n}`)

describe('deep-sync-chain', () => {
  it('flags a request path of more than four synchronous hops, once, at its end', () => {
    const board = new TestBoard()
    for (const n of ['web', 'lb', 'a', 'b', 'c', 'd', 'db'])
      board.add(n, n === 'web' ? 'web-browser' : 'service')
    board.chain('web', 'lb', 'a', 'b', 'c', 'd', 'db')
    expect(found(board, rule)).toEqual([ids('web', 'lb', 'a', 'b', 'c', 'd', 'db')])
  })

  it('stops at four hops, at an async arrow and at a queue, and measures the shortest way', () => {
    const four = new TestBoard()
    for (const n of ['web', 'a', 'b', 'c', 'd']) four.add(n, n === 'web' ? 'web-browser' : 'service')
    four.chain('web', 'a', 'b', 'c', 'd')
    expect(found(four, rule)).toEqual([])

    const broken = new TestBoard()
    for (const n of ['web', 'a', 'b', 'c', 'd', 'e']) broken.add(n, n === 'web' ? 'web-browser' : 'service')
    broken.add('q', 'message-queue')
    broken.chain('web', 'a', 'b', 'c').connect('c', 'd', 'async').connect('d', 'e')
    broken.connect('c', 'q').connect('q', 'e')
    expect(found(broken, rule)).toEqual([])

    const shortcut = new TestBoard()
    for (const n of ['web', 'a', 'b', 'c', 'd', 'e']) shortcut.add(n, n === 'web' ? 'web-browser' : 'service')
    shortcut.chain('web', 'a', 'b', 'c', 'd', 'e').connect('a', 'e', 'gRPC')
    expect(found(shortcut, rule)).toEqual([])
  })

  it('terminates on cycles', () => {
    const board = new TestBoard().add('web', 'web-browser').add('a', 'service').add('b', 'service')
    board.chain('web', 'a', 'b', 'a')
    expect(found(board, rule)).toEqual([])
  })
})
