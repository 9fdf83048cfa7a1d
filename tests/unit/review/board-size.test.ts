import { MAX_REVIEWED_COMPONENTS } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { TestBoard } from '../../helpers/reviewBoards.js'
import { found } from './findings.js'

/** A chain of `n` services, each calling the next: quadratic work for the path rules. */
function chain(n: number): TestBoard {
  const board = new TestBoard()
  for (let i = 0; i < n; i++) board.add(`s${i}`, 'service')
  for (let i = 1; i < n; i++) board.connect(`s${i - 1}`, `s${i}`)
  return board.add('lone', 'cache')
}

describe('the size of a reviewed board', () => {
  it('reviews a board up to the cap and stays quiet past it', () => {
    expect(found(chain(MAX_REVIEWED_COMPONENTS - 1), 'unconnected-component')).toEqual([['shape:lone']])
    // 12,000 components took 87 s and 2.9 GB before the cap (past vitest's 5 s test timeout).
    expect(found(chain(12_000), 'unconnected-component')).toEqual([])
  })
})
