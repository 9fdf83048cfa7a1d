import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

const rule = 'write-hotspot'
// 100 M users × 50 req / 86,400 s ≈ 57.9 k req/s, peak ≈ 115.7 k; 2:1 → peak writes ≈ 38.6 k/s:
// over one relational (5 k) or document (10 k) node, under one wide-column node (50 k).
const heavy = { dailyActiveUsers: 100e6, requestsPerUserPerDay: 50, readWriteRatio: 2 }
// 1 M × 20 / 86,400 ≈ 231 req/s, peak 463; 10:1 → peak writes ≈ 42/s.
const light = { dailyActiveUsers: 1e6, requestsPerUserPerDay: 20, readWriteRatio: 10 }

describe('write-hotspot', () => {
  it('flags unsharded stores whose kind cannot take the peak write rate on one node', () => {
    const board = new TestBoard()
      .add('sql', 'relational-db', { replicas: 3 })
      .add('docs', 'document-db')
      .add('wide', 'wide-column-db')
    expect(found(board, rule, heavy)).toEqual([['shape:docs'], ['shape:sql']])
  })

  it('spares a store with a shard key, light write rates, caches and queues', () => {
    const board = new TestBoard()
      .add('sql', 'relational-db', { shardKey: 'user_id' })
      .add('cache', 'cache')
      .add('q', 'message-queue')
    expect(found(board, rule, heavy)).toEqual([])
    expect(found(new TestBoard().add('sql', 'relational-db'), rule, light)).toEqual([])
  })

  it('says nothing until the estimates give a write rate', () => {
    const board = new TestBoard().add('sql', 'relational-db')
    expect(found(board, rule, { ...heavy, readWriteRatio: null })).toEqual([])
    expect(found(board, rule)).toEqual([])
  })
})
