import type * as Y from 'yjs'

import {
  type Bookmark,
  type BookmarkFinding,
  type Recommendation,
  RECOMMENDATIONS,
  type RubricScore,
} from '../rubric.js'
import { readEvidence } from '../rubricEvidence.js'
import { isFiniteNumber, isObject, numberOr, stringOr } from './plain.js'

/** The `private` doc: the interviewer's alone (never sent to others unless the report is shared). */
export const PrivateKeys = {
  /** Y.Array<Bookmark>: plain objects, replaced whole on edit. */
  bookmarks: 'bookmarks',
  /** Y.Map: rubric area id → RubricScore; `recommendation` → Recommendation. */
  rubric: 'rubric',
  /** Y.Text: the interviewer's private notes. */
  notes: 'notes',
} as const

const RECOMMENDATION = 'recommendation'

/** The bookmarks array: observed by the live list. */
export function bookmarksArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(PrivateKeys.bookmarks)
}

function readFinding(value: unknown): BookmarkFinding | null {
  if (!isObject(value) || typeof value.rule !== 'string' || !Array.isArray(value.shapeIds)) return null
  const shapeIds = value.shapeIds.filter((id): id is string => typeof id === 'string')
  return { rule: value.rule, shapeIds, message: stringOr(value.message, '') }
}

function readBookmark(value: unknown): Bookmark | null {
  if (!isObject(value) || !isFiniteNumber(value.at)) return null
  const finding = readFinding(value.finding)
  return {
    id: stringOr(value.id, ''),
    at: value.at,
    phaseIndex: numberOr(value.phaseIndex, 0),
    label: stringOr(value.label, ''),
    ...(finding ? { finding } : {}),
  }
}

/** Bookmarks, oldest first. */
export function readBookmarks(doc: Y.Doc): Bookmark[] {
  return bookmarksArray(doc)
    .toArray()
    .map(readBookmark)
    .filter((b): b is Bookmark => b !== null)
    .sort((a, b) => a.at - b.at)
}

export function addBookmark(doc: Y.Doc, bookmark: Bookmark): void {
  bookmarksArray(doc).push([bookmark])
}

/** Replaces bookmark `id` with what `change` returns (null removes it), in one transaction. */
export function replaceBookmark(doc: Y.Doc, id: string, change: (b: Bookmark) => Bookmark | null): void {
  const array = bookmarksArray(doc)
  doc.transact(() => {
    const index = array.toArray().findIndex((b) => isObject(b) && b.id === id)
    const current = index < 0 ? null : readBookmark(array.get(index))
    if (!current) return
    const next = change(current)
    array.delete(index, 1)
    if (next) array.insert(index, [next])
  })
}

/** The rubric map: observed by the live form. */
export function rubricMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PrivateKeys.rubric)
}

const isRecommendation = (v: unknown): v is Recommendation =>
  typeof v === 'string' && (RECOMMENDATIONS as readonly string[]).includes(v)

function readScore(value: unknown): RubricScore | null {
  if (!isObject(value)) return null
  const s = value.score
  const evidence = readEvidence(value.evidence)
  return {
    score: s === 1 || s === 2 || s === 3 || s === 4 ? s : null,
    comment: stringOr(value.comment, ''),
    ...(evidence.length > 0 ? { evidence } : {}),
  }
}

export interface RubricRead {
  scores: Record<string, RubricScore>
  recommendation: Recommendation | null
}

export function readRubric(doc: Y.Doc): RubricRead {
  const scores: Record<string, RubricScore> = {}
  let recommendation: Recommendation | null = null
  for (const [key, value] of rubricMap(doc).entries()) {
    if (key === RECOMMENDATION) recommendation = isRecommendation(value) ? value : null
    else {
      const score = readScore(value)
      if (score) scores[key] = score
    }
  }
  return { scores, recommendation }
}

/** Merges into the area's entry as stored now, so a late comment commit never reverts a score. */
export function writeRubricArea(doc: Y.Doc, areaId: string, patch: Partial<RubricScore>): void {
  const map = rubricMap(doc)
  const stored = readScore(map.get(areaId))
  const next = { score: stored?.score ?? null, comment: stored?.comment ?? '', ...stored, ...patch }
  // Written through the same validation as reads, so a caller's junk never reaches the log.
  const evidence = readEvidence(next.evidence)
  map.set(areaId, { score: next.score, comment: next.comment, ...(evidence.length > 0 ? { evidence } : {}) })
}

export function writeRecommendation(doc: Y.Doc, value: Recommendation | null): void {
  if (value === null) rubricMap(doc).delete(RECOMMENDATION)
  else rubricMap(doc).set(RECOMMENDATION, value)
}

/** The interviewer's private notes, for an editor to bind to. */
export function privateNotesText(doc: Y.Doc): Y.Text {
  return doc.getText(PrivateKeys.notes)
}

export interface PrivateRead extends RubricRead {
  bookmarks: Bookmark[]
  notes: string
}

export function readPrivate(doc: Y.Doc): PrivateRead {
  return { ...readRubric(doc), bookmarks: readBookmarks(doc), notes: privateNotesText(doc).toString() }
}
