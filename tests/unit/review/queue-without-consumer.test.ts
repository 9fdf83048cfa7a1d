import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'queue-without-consumer'

describe('queue-without-consumer', () => {
  it('flags a queue, a stream and a topic that nothing reads from', () => {
    const board = new TestBoard()
      .add('api', 'service')
      .add('q', 'message-queue')
      .add('s', 'event-stream')
      .add('t', 'pubsub-topic')
      .connect('api', 'q', 'async')
      .connect('api', 's')
      .add('db', 'relational-db')
      .connect('s', 'db')
    expect(found(board, rule)).toEqual([['shape:q'], ['shape:s'], ['shape:t']])
  })

  it('counts only outgoing arrows to a consumer: a producer arrow into the queue is not one', () => {
    const board = new TestBoard().add('worker', 'worker').add('q', 'message-queue').connect('worker', 'q')
    expect(found(board, rule)).toEqual([['shape:q']])
  })

  it('is satisfied by a worker, a function, a stream processor or a notification service reading', () => {
    const board = new TestBoard()
      .add('q', 'message-queue')
      .add('s', 'event-stream')
      .add('t', 'pubsub-topic')
      .add('u', 'message-queue')
      .add('w', 'worker')
      .add('f', 'serverless-function')
      .add('p', 'stream-processor')
      .add('n', 'notification-service')
      .connect('q', 'w')
      .connect('s', 'p')
      .connect('t', 'f')
      .connect('u', 'n')
    expect(found(board, rule)).toEqual([])
  })
})
