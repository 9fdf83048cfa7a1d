import {
  addBookmark,
  applyTimerAction,
  DEFAULT_PHASES,
  type DocName,
  initialTimer,
  type TimerState,
  writeRecommendation,
  writeRubricArea,
  writeTimer,
} from '@mockboard/shared'
import * as Y from 'yjs'

import { seedSession } from '../../../server/src/seedSession.js'
import { compact } from '../../../server/src/storage/compact.js'
import type { Storage } from '../../../server/src/storage/Storage.js'
import { type Action, BoardActions, type Tally } from './actions.js'
import { Participant } from './participant.js'
import { Rng } from './rng.js'
import { BOOKMARKS, NOTES_PHRASES, pickAction, TIMER_SCRIPT } from './script.js'

export interface GeneratedSession {
  id: string
  createdAt: number
  startAt: number
  endAt: number
  updates: Record<DocName, number>
  tally: Tally
  /** Wall time the generation took, ms. */
  generateMs: number
}

const MIN = 60_000

/** A resumable actor: yields the session time at which it wants to act next. */
type Actor = Generator<number, void, void>

/**
 * Records a two-person interview (60 minutes unless told) straight into storage with realistic timestamps.
 * Both people edit their own copy of the board (real tldraw stores, validated records) and each
 * update reaches the other, as through the server. Every update is appended with its own `at`,
 * and the log is compacted every `snapshotEvery` updates of a doc exactly as a room does.
 */
export async function generateSession(
  storage: Storage,
  opts: { id: string; startAt: number; seed: number; snapshotEvery: number; minutes?: number },
): Promise<GeneratedSession> {
  const began = performance.now()
  const rng = new Rng(opts.seed)
  const minutes = opts.minutes ?? 60
  // The script is written for an hour: a longer or shorter session stretches its minutes.
  const scale = minutes / 60
  const { id, startAt } = opts
  const endAt = startAt + minutes * MIN
  const createdAt = startAt - 4 * MIN
  await storage.createSession({
    id,
    title: 'Design a news feed',
    problem:
      'Design the home timeline of a social network: 300M daily users, posts with media, followers up to 50M.',
    problemId: 'news-feed',
    phases: DEFAULT_PHASES.map((p) => ({ ...p })),
    createdAt,
    endedAt: null,
    reportShared: false,
    replayShared: false,
    workspaceId: null,
    candidate: '',
  })
  await seedSession(
    storage,
    id,
    DEFAULT_PHASES.map((p) => ({ ...p })),
    createdAt,
  )

  const counts: Record<DocName, number> = { board: 2, control: 1, private: 0 }
  const sinceSnapshot: Record<DocName, number> = { board: 1, control: 1, private: 0 }
  let now = startAt
  const pending: { doc: DocName; data: Uint8Array; from: Participant | null }[] = []
  const flush = async () => {
    for (const u of pending.splice(0)) {
      const { at } = await storage.appendUpdate(id, u.doc, u.data, now)
      counts[u.doc]++
      for (const p of people) if (u.doc === 'board' && p !== u.from) p.receive(u.data)
      if (++sinceSnapshot[u.doc] >= opts.snapshotEvery) {
        sinceSnapshot[u.doc] = 0
        await compact(storage, id, u.doc, at)
      }
    }
  }

  const candidate: Participant = new Participant((data) =>
    pending.push({ doc: 'board', data, from: candidate }),
  )
  const interviewer: Participant = new Participant((data) =>
    pending.push({ doc: 'board', data, from: interviewer }),
  )
  const people = [candidate, interviewer]
  const seeded = await storage.loadDoc(id, 'board')
  for (const p of people) for (const u of seeded.tail) p.receive(u.data)

  const control = new Y.Doc()
  for (const u of (await storage.loadDoc(id, 'control')).tail) Y.applyUpdate(control, u.data)
  control.on('update', (data: Uint8Array) => pending.push({ doc: 'control', data, from: null }))
  const priv = new Y.Doc()
  priv.on('update', (data: Uint8Array) => pending.push({ doc: 'private', data, from: null }))

  const tally: Tally = { components: 0, frames: 0, arrows: 0, deleted: 0, notesChars: 0 }
  const actions = new BoardActions(rng, tally)
  // Stretches where both talk and nobody touches anything (skip-idle has something to skip).
  const silences = Array.from({ length: 7 }, () => {
    const from = startAt + rng.between(3, minutes - 4) * MIN
    return { from, to: from + rng.between(25_000, 75_000) }
  })
  const afterSilence = (t: number) => silences.find((s) => t >= s.from && t < s.to)?.to ?? t

  function* person(p: Participant, role: 'candidate' | 'interviewer', firstAt: number): Actor {
    let t = firstAt
    yield t
    if (role === 'candidate') p.seedBoard()
    while (t < endAt) {
      t = afterSilence(
        t + rng.between(role === 'candidate' ? 500 : 1200, role === 'candidate' ? 3_500 : 7_000),
      )
      if (t >= endAt) return
      yield t
      const kind = pickAction(rng, role, (t - startAt) / MIN / scale)
      const action: Action = kind === 'notes' ? actions.typeNotes(p, NOTES_PHRASES) : actions[kind](p)
      for (let step = action.next(); !step.done; step = action.next()) {
        t += step.value
        yield t
      }
    }
  }

  function* timer(): Actor {
    let state: TimerState = initialTimer()
    for (const [minute, action] of TIMER_SCRIPT) {
      yield startAt + minute * scale * MIN
      const result = applyTimerAction(DEFAULT_PHASES, state, action, now)
      if (!result) continue
      state = result.state
      writeTimer(control, state, result.event)
    }
  }

  function* bookmarks(): Actor {
    for (const [minute, phaseIndex, label] of BOOKMARKS) {
      yield startAt + minute * scale * MIN
      addBookmark(priv, { id: `b${minute}`, at: now, phaseIndex, label })
    }
    yield endAt - 20_000
    priv.transact(() => {
      writeRubricArea(priv, 'requirements', { score: 3, comment: 'Asked about read/write ratio early.' })
      writeRubricArea(priv, 'scale', {
        score: 2,
        comment: 'Fan-out on write for celebrities not considered until prompted.',
      })
      writeRecommendation(priv, 'lean-yes')
    })
  }

  const actors: { gen: Actor; at: number }[] = []
  for (const gen of [
    person(candidate, 'candidate', startAt + 5_000),
    person(interviewer, 'interviewer', startAt + 8_000),
    timer(),
    bookmarks(),
  ]) {
    const first = gen.next()
    if (!first.done) actors.push({ gen, at: first.value })
  }
  while (actors.length > 0) {
    actors.sort((a, b) => a.at - b.at)
    const actor = actors[0]!
    now = actor.at
    const step = actor.gen.next()
    await flush()
    if (step.done) actors.shift()
    else actor.at = step.value
  }
  await storage.updateSession(id, { endedAt: endAt })
  for (const p of people) p.doc.destroy()
  return { id, createdAt, startAt, endAt, updates: counts, tally, generateMs: performance.now() - began }
}
