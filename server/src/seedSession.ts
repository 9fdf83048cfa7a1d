import {
  boardNotesText,
  type EstimateInputs,
  NOTES_TEMPLATE,
  type Phase,
  seedControl,
  type SessionMode,
  writeBoardEstimates,
} from '@mockboard/shared'
import * as Y from 'yjs'

import type { Storage } from './storage/Storage.js'

/**
 * Writes the first update of the board (notes template, capacity figures: the problem's or the last
 * round's) and control (idle timer, phase plan, mode) documents at creation, so two clients joining
 * at once never both seed them.
 */
export async function seedSession(
  storage: Storage,
  sessionId: string,
  phases: Phase[],
  at: number,
  estimates?: Partial<EstimateInputs>,
  mode: SessionMode = 'interview',
): Promise<void> {
  // A guid of our own: Yjs would draw a random uuid (31 calls to crypto) for each new doc.
  const board = new Y.Doc({ guid: `${sessionId}/board` })
  boardNotesText(board).insert(0, NOTES_TEMPLATE)
  if (estimates) writeBoardEstimates(board, estimates)
  const control = new Y.Doc({ guid: `${sessionId}/control` })
  seedControl(control, phases, mode)
  await storage.appendUpdate(sessionId, 'board', Y.encodeStateAsUpdate(board), at)
  await storage.appendUpdate(sessionId, 'control', Y.encodeStateAsUpdate(control), at)
  board.destroy()
  control.destroy()
}
