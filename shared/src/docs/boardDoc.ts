import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

import { type EstimateInputs, readEstimateInputs } from '../estimates/estimateInputs.js'
import type { BoardRecord } from '../inventory.js'
import { isObject } from './plain.js'

/** The `board` doc: tldraw document records, the schema they were written with, shared notes. */
export const BoardKeys = {
  /** Y.Array of `{ key, val }` entries, read and written through y-utility's YKeyValue. */
  records: 'tldraw',
  /** Y.Map: `schema` → serialized tldraw store schema. */
  meta: 'meta',
  /** Y.Text: shared markdown notes (seeded by the server with the template). */
  notes: 'notes',
  /** Y.Map: `inputs` → the capacity card's EstimateInputs, replaced whole (the server checks each write). */
  estimates: 'estimates',
} as const

/** Key in the estimates map of the card's inputs object. */
export const ESTIMATES_INPUTS_KEY = 'inputs'

/** Key in the meta map of the serialized tldraw schema. */
export const BOARD_SCHEMA_KEY = 'schema'

/** One entry of the records array as YKeyValue stores it. */
export interface RecordEntry<R = BoardRecord> {
  key: string
  val: R
}

/** The records array itself: for readers that follow its changes entry by entry. */
export function boardRecordsArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(BoardKeys.records)
}

/**
 * The records as the live board reads and writes them (YKeyValue keeps one entry per key and
 * resolves concurrent writes; its constructor cleans up duplicates, so only open it to write).
 */
export function openBoardRecords<R extends { id: string }>(doc: Y.Doc): YKeyValue<R> {
  return new YKeyValue(doc.getArray<{ key: string; val: R }>(BoardKeys.records))
}

/** An entry whose value looks like a tldraw record; anything else in the array is skipped by every reader. */
export function isRecordEntry(entry: unknown): entry is RecordEntry {
  if (!isObject(entry) || typeof entry.key !== 'string' || !isObject(entry.val)) return false
  return typeof entry.val.id === 'string' && typeof entry.val.typeName === 'string'
}

/**
 * Each key's record: of several live entries for one key (concurrent writes not yet cleaned up),
 * the rightmost wins, as YKeyValue decides. `only` limits the scan's result to some keys.
 */
export function latestRecords(
  entries: Iterable<unknown>,
  only?: ReadonlySet<string>,
): Map<string, BoardRecord> {
  const byKey = new Map<string, BoardRecord>()
  for (const entry of entries) {
    if (!isRecordEntry(entry) || (only && !only.has(entry.key))) continue
    byKey.set(entry.key, entry.val)
  }
  return byKey
}

/** Every record on the board, read without YKeyValue's observers (for a doc read once). */
export function readBoardRecords(doc: Y.Doc): BoardRecord[] {
  return [...latestRecords(boardRecordsArray(doc).toArray()).values()]
}

/** The meta map: observed by the live board for schema changes. */
export function boardMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardKeys.meta)
}

/** The serialized tldraw schema the records were written with; null before the first write. */
export function readBoardSchema(doc: Y.Doc): unknown {
  return boardMeta(doc).get(BOARD_SCHEMA_KEY) ?? null
}

export function writeBoardSchema(doc: Y.Doc, schema: unknown): void {
  boardMeta(doc).set(BOARD_SCHEMA_KEY, schema)
}

/** The shared notes, for an editor to bind to. */
export function boardNotesText(doc: Y.Doc): Y.Text {
  return doc.getText(BoardKeys.notes)
}

export function readBoardNotes(doc: Y.Doc): string {
  return boardNotesText(doc).toString()
}

/** The estimates map: observed by the live card. */
export function boardEstimatesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BoardKeys.estimates)
}

/** The capacity card's inputs; fields never given (or invalid) read as null. */
export function readBoardEstimates(doc: Y.Doc): EstimateInputs {
  return readEstimateInputs(boardEstimatesMap(doc).get(ESTIMATES_INPUTS_KEY))
}

/** Merges `patch` into the inputs as stored now and writes the whole object (one value: one check). */
export function writeBoardEstimates(doc: Y.Doc, patch: Partial<EstimateInputs>): void {
  boardEstimatesMap(doc).set(ESTIMATES_INPUTS_KEY, { ...readBoardEstimates(doc), ...patch })
}
