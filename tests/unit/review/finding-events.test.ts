import { EMPTY_ESTIMATES, findingEvents, findingSpans, reviewBoard } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'

const review = (at: number, board: TestBoard) => ({
  at,
  findings: reviewBoard(board.records, EMPTY_ESTIMATES).findings,
})

describe('finding events over time', () => {
  it('raises a finding when it appears and resolves it when the board fixes it', () => {
    const t1 = new TestBoard().add('q', 'message-queue')
    const t2 = new TestBoard().add('q', 'message-queue').add('w', 'worker')
    const t3 = new TestBoard().add('q', 'message-queue').add('w', 'worker').connect('q', 'w')
    const events = findingEvents([review(1, t1), review(2, t2), review(3, t3)])
    const summary = events.map((e) => `${e.at} ${e.kind} ${e.finding.rule} ${e.finding.shapeIds.join()}`)
    expect(summary).toEqual([
      '1 raised queue-without-consumer shape:q',
      '1 raised unconnected-component shape:q',
      '2 raised unconnected-component shape:w',
      '3 resolved queue-without-consumer shape:q',
      '3 resolved unconnected-component shape:q',
      '3 resolved unconnected-component shape:w',
    ])
    const spans = findingSpans(events)
    expect(spans.map((s) => [s.finding.rule, s.raisedAt, s.resolvedAt])).toEqual([
      ['queue-without-consumer', 1, 3],
      ['unconnected-component', 1, 3],
      ['unconnected-component', 2, 3],
    ])
  })

  it('keeps a finding open while only its message changes, and reopens it after a resolve', () => {
    const lone = new TestBoard().add('q', 'message-queue', { label: 'Jobs' })
    const renamed = new TestBoard().add('q', 'message-queue', { label: 'Orders' })
    const fixed = new TestBoard().add('q', 'message-queue').add('w', 'worker').connect('q', 'w')
    const spans = findingSpans(
      findingEvents([review(1, lone), review(2, renamed), review(3, fixed), review(4, lone)]),
    )
    const queue = spans.filter((s) => s.finding.rule === 'queue-without-consumer')
    expect(queue.map((s) => [s.raisedAt, s.resolvedAt])).toEqual([
      [1, 3],
      [4, null],
    ])
  })
})
