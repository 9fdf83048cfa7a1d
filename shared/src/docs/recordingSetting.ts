import type * as Y from 'yjs'

import { settingsMap } from './controlDoc.js'

const RECORDING = 'recording'

/** Whether the interviewer turned recording on (control doc settings: only the interviewer writes them). */
export function readRecordingOn(doc: Y.Doc): boolean {
  return settingsMap(doc).get(RECORDING) === true
}

export function writeRecordingOn(doc: Y.Doc, on: boolean): void {
  settingsMap(doc).set(RECORDING, on)
}
