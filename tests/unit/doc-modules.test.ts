import {
  addBookmark,
  applyTimerAction,
  BoardKeys,
  ControlKeys,
  DEFAULT_PHASES,
  initialTimer,
  openBoardRecords,
  PrivateKeys,
  readBoardRecords,
  readBookmarks,
  readNextRound,
  readPrivate,
  readTimer,
  readTimerState,
  replaceBookmark,
  seedControl,
  writeNextRound,
  writeRecommendation,
  writeRubricArea,
  writeTimer,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

describe('board doc module', () => {
  it('reads what the live writer (YKeyValue) wrote, and of concurrent writes the one YKeyValue keeps', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.clientID = 1
    b.clientID = 2
    const ka = openBoardRecords<{ id: string; typeName: string; x: number }>(a)
    const kb = openBoardRecords<{ id: string; typeName: string; x: number }>(b)
    ka.set('shape:1', { id: 'shape:1', typeName: 'shape', x: 1 })
    sync(a, b)
    // Both change the same record while apart: two live entries for one key until a writer cleans up.
    ka.set('shape:1', { id: 'shape:1', typeName: 'shape', x: 10 })
    kb.set('shape:1', { id: 'shape:1', typeName: 'shape', x: 20 })
    const reader = new Y.Doc()
    sync(a, reader)
    sync(b, reader)
    expect(reader.getArray(BoardKeys.records).length).toBe(2)
    const winner = new Y.Doc()
    sync(reader, winner)
    const kv = openBoardRecords<{ id: string; x: number }>(winner)
    expect(readBoardRecords(reader)).toEqual([{ id: 'shape:1', typeName: 'shape', x: kv.get('shape:1')!.x }])
  })

  it('skips entries that are not records, whatever a client stored', () => {
    const doc = new Y.Doc()
    doc
      .getArray<unknown>(BoardKeys.records)
      .push([
        5,
        null,
        { key: 'k' },
        { key: 7, val: { id: 'x', typeName: 'shape' } },
        { key: 'shape:a', val: { id: 3, typeName: 'shape' } },
        { key: 'shape:b', val: ['not', 'a', 'record'] },
        { key: 'shape:ok', val: { id: 'shape:ok', typeName: 'shape' } },
      ])
    expect(readBoardRecords(doc)).toEqual([{ id: 'shape:ok', typeName: 'shape' }])
  })
})

describe('control doc module', () => {
  it('writes state and event together and reads them back typed', () => {
    const doc = new Y.Doc()
    seedControl(doc, DEFAULT_PHASES)
    expect(readTimer(doc)).toEqual({ state: initialTimer(), plan: [...DEFAULT_PHASES], events: [] })
    const transactions: number[] = []
    doc.on('update', () => transactions.push(1))
    const result = applyTimerAction(DEFAULT_PHASES, readTimerState(doc)!, { type: 'start' }, 1000)!
    writeTimer(doc, result.state, result.event)
    expect(transactions).toHaveLength(1)
    expect(readTimer(doc).state).toEqual(result.state)
    expect(readTimer(doc).events).toEqual([result.event])
  })

  it('reads a malformed timer as defaults or nothing, never as what was stored', () => {
    const doc = new Y.Doc()
    const timer = doc.getMap(ControlKeys.timer)
    timer.set('state', { status: 'exploded' })
    expect(readTimerState(doc)).toBeNull()
    timer.set('state', { status: 'running', phaseIndex: 'two', runningSince: 5, extraMinutes: [1, 'x'] })
    expect(readTimerState(doc)).toEqual({
      ...initialTimer(),
      status: 'running',
      runningSince: 5,
      extraMinutes: [1, 0],
    })
    timer.set('phases', [{ name: 'ok', minutes: 5 }, { name: 3 }, 'junk'])
    doc
      .getArray(ControlKeys.events)
      .push([{ type: 'start', at: 1, phaseIndex: 0 }, { type: 'boom', at: 2 }, 9])
    expect(readTimer(doc).plan).toEqual([{ name: 'ok', minutes: 5 }])
    expect(readTimer(doc).events).toEqual([{ type: 'start', at: 1, phaseIndex: 0 }])
  })

  it('announces the next round', () => {
    const doc = new Y.Doc()
    expect(readNextRound(doc)).toBeNull()
    writeNextRound(doc, 'abc')
    expect(readNextRound(doc)).toBe('abc')
  })
})

describe('private doc module', () => {
  it('keeps bookmarks in time order, edits them in place, and reads the rubric typed', () => {
    const doc = new Y.Doc()
    addBookmark(doc, { id: 'b2', at: 20, phaseIndex: 1, label: 'second' })
    addBookmark(doc, { id: 'b1', at: 10, phaseIndex: 0, label: 'first' })
    replaceBookmark(doc, 'b2', (b) => ({ ...b, label: 'renamed' }))
    expect(readBookmarks(doc).map((b) => b.label)).toEqual(['first', 'renamed'])
    replaceBookmark(doc, 'b1', () => null)
    expect(readBookmarks(doc).map((b) => b.id)).toEqual(['b2'])

    writeRubricArea(doc, 'scaling', { score: 3 })
    writeRubricArea(doc, 'scaling', { comment: 'late comment' })
    writeRecommendation(doc, 'lean-yes')
    doc.getText(PrivateKeys.notes).insert(0, 'private')
    expect(readPrivate(doc)).toEqual({
      scores: { scaling: { score: 3, comment: 'late comment' } },
      recommendation: 'lean-yes',
      bookmarks: [{ id: 'b2', at: 20, phaseIndex: 1, label: 'renamed' }],
      notes: 'private',
    })
    writeRecommendation(doc, null)
    expect(readPrivate(doc).recommendation).toBeNull()
  })

  it('reads malformed private values as defaults', () => {
    const doc = new Y.Doc()
    doc.getArray(PrivateKeys.bookmarks).push([{ at: 'soon' }, 4, { id: 7, at: 5, label: null }])
    doc.getMap(PrivateKeys.rubric).set('requirements', { score: 9, comment: 5 })
    doc.getMap(PrivateKeys.rubric).set('scaling', 'nonsense')
    doc.getMap(PrivateKeys.rubric).set('recommendation', 'maybe')
    expect(readPrivate(doc)).toEqual({
      scores: { requirements: { score: null, comment: '' } },
      recommendation: null,
      bookmarks: [{ id: '', at: 5, phaseIndex: 0, label: '' }],
      notes: '',
    })
  })
})
