import { boardNotesText, NOTES_TEMPLATE, type Phase, seedControl } from '@mockboard/shared'
import * as Y from 'yjs'

import type { Storage } from './storage/Storage.js'

/**
 * Writes the first update of the board (notes template) and control (idle timer, phase plan)
 * documents at creation, so two clients joining at once never both seed them.
 */
export async function seedSession(
  storage: Storage,
  sessionId: string,
  phases: Phase[],
  at: number,
): Promise<void> {
  const board = new Y.Doc()
  boardNotesText(board).insert(0, NOTES_TEMPLATE)
  const control = new Y.Doc()
  seedControl(control, phases)
  await storage.appendUpdate(sessionId, 'board', Y.encodeStateAsUpdate(board), at)
  await storage.appendUpdate(sessionId, 'control', Y.encodeStateAsUpdate(control), at)
  board.destroy()
  control.destroy()
}
