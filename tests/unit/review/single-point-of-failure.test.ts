import { EMPTY_ESTIMATES, reviewBoard } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'single-point-of-failure'

describe('single-point-of-failure', () => {
  it('flags a lone load balancer and a database without replica on the request path', () => {
    const board = new TestBoard()
      .add('web', 'web-browser')
      .add('lb', 'load-balancer')
      .add('api', 'service', { replicas: 3 })
      .add('db', 'relational-db')
      .chain('web', 'lb', 'api', 'db')
    expect(found(board, rule)).toEqual([['shape:db'], ['shape:lb']])
  })

  it('flags one cache node serving every read', () => {
    const board = new TestBoard()
      .add('app', 'mobile-app')
      .add('api', 'service', { replicas: 2 })
      .add('cache', 'cache')
      .add('db', 'relational-db', { replicas: 2 })
      .chain('app', 'api', 'cache')
      .connect('api', 'db')
    expect(found(board, rule)).toEqual([['shape:cache']])
  })

  it('spares replicated components, a primary wired to its replica, and peers behind one caller', () => {
    const board = new TestBoard()
      .add('web', 'web-browser')
      .add('lb', 'load-balancer', { replicas: 2 })
      .add('api', 'service', { replicas: 3 })
      .add('primary', 'relational-db')
      .add('replica', 'relational-db')
      .add('cacheA', 'cache')
      .add('cacheB', 'cache')
      .chain('web', 'lb', 'api', 'primary', 'replica')
      .connect('api', 'cacheA')
      .connect('api', 'cacheB')
    expect(found(board, rule)).toEqual([])
  })

  it('spares what no client reaches, clients themselves, DNS, CDN and third parties', () => {
    const board = new TestBoard()
      .add('web', 'web-browser')
      .add('dns', 'dns')
      .add('cdn', 'cdn')
      .add('psp', 'payment-provider')
      .add('batch', 'scheduler')
      .add('warehouse', 'data-warehouse')
      .connect('web', 'dns')
      .connect('web', 'cdn')
      .connect('cdn', 'psp')
      .connect('batch', 'warehouse')
    expect(found(board, rule)).toEqual([])
  })

  it('asks about writes for a database, about every request for a load balancer', () => {
    const board = new TestBoard()
      .add('u', 'external-user')
      .add('lb', 'load-balancer')
      .add('db', 'document-db')
    board.chain('u', 'lb', 'db')
    const { findings } = reviewOf(board)
    expect(findings.find((f) => f.shapeIds[0] === 'shape:db')?.question).toMatch(/writes/)
    expect(findings.find((f) => f.shapeIds[0] === 'shape:lb')?.question).toMatch(/every request/)
  })
})

function reviewOf(board: TestBoard) {
  return reviewBoard(board.records, EMPTY_ESTIMATES)
}
