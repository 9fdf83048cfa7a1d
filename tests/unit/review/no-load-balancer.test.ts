import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'no-load-balancer'

describe('no-load-balancer', () => {
  it('flags a client calling a replicated service directly', () => {
    const board = new TestBoard().add('web', 'web-browser').add('api', 'service', { replicas: 3 })
    board.connect('web', 'api', 'REST')
    expect(found(board, rule)).toEqual([['shape:web', 'shape:api']])
  })

  it('spares one instance, a load balancer or gateway between, and service-to-service calls', () => {
    const board = new TestBoard()
      .add('web', 'web-browser')
      .add('app', 'mobile-app')
      .add('one', 'service')
      .add('lb', 'load-balancer', { replicas: 2 })
      .add('api', 'service', { replicas: 3 })
      .add('gw', 'api-gateway', { replicas: 2 })
      .add('orders', 'service', { replicas: 4 })
    board
      .connect('web', 'one')
      .chain('web', 'lb', 'api')
      .chain('app', 'gw', 'orders')
      .connect('one', 'orders')
    expect(found(board, rule)).toEqual([])
  })
})
