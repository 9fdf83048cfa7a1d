import { EMPTY_ESTIMATES, type EstimateInputs, reviewBoard, type RuleId } from '@mockboard/shared'

import type { TestBoard } from '../../helpers/reviewBoards.js'

/** The findings of one rule on a test board, as sorted shape-id lists. */
export function found(board: TestBoard, rule: RuleId, inputs: Partial<EstimateInputs> = {}): string[][] {
  return reviewBoard(board.records, { ...EMPTY_ESTIMATES, ...inputs })
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.shapeIds)
}
