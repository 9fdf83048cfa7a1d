import {
  candidateProgress,
  nextPractice,
  PROBLEMS,
  RUBRIC_AREAS,
  type SessionSummary,
  summarizeSession,
  type TimerEvent,
  type WorkspaceSession,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { PRACTICE_AREAS } from '../../shared/src/workspace/nextPractice.js'

const plan = [
  { name: 'Requirements', minutes: 10 },
  { name: 'Design', minutes: 20 },
]
const min = 60_000

const summary = (scores: Record<string, number>, patch: Partial<SessionSummary> = {}): SessionSummary => ({
  startedAt: 0,
  endedAt: 30 * min,
  activeMs: 30 * min,
  overrunMs: 0,
  overrunPhases: 0,
  phases: [
    { name: 'Requirements', plannedMs: 10 * min, actualMs: 12 * min },
    { name: 'Design', plannedMs: 20 * min, actualMs: 18 * min },
  ],
  scores,
  recommendation: null,
  ...patch,
})

const row = (
  id: string,
  createdAt: number,
  candidate: string,
  s: SessionSummary | null,
  problemId: string | null = null,
) =>
  ({
    id,
    title: id,
    problem: '',
    problemId,
    candidate,
    createdAt,
    endedAt: null,
    interviewerLink: `/s/${id}#token=t`,
    summary: s,
  }) satisfies WorkspaceSession

describe('workspace summaries and progress', () => {
  it('summarizes time per phase against the plan, overruns, scores and recommendation', () => {
    const events: TimerEvent[] = [
      { type: 'start', at: 0, phaseIndex: 0 },
      { type: 'phase', at: 13 * min, phaseIndex: 1 },
      { type: 'end', at: 30 * min, phaseIndex: 1 },
    ]
    const s = summarizeSession(
      plan,
      { state: null, plan: null, events },
      {
        scores: { scale: { score: 3, comment: '' }, storage: { score: null, comment: 'later' } },
        recommendation: 'yes',
      },
      99 * min,
    )
    expect(s.phases).toEqual([
      { name: 'Requirements', plannedMs: 10 * min, actualMs: 13 * min },
      { name: 'Design', plannedMs: 20 * min, actualMs: 17 * min },
    ])
    expect(s).toMatchObject({
      activeMs: 30 * min,
      overrunMs: 3 * min,
      overrunPhases: 1,
      recommendation: 'yes',
    })
    expect(s.scores).toEqual({ scale: 3 })
  })

  it("gives a candidate's score lines oldest first, only their own sessions", () => {
    const rows = [
      row('b', 2, 'Ada', summary({ scale: 3 }, { recommendation: 'lean-yes', findings: ['write-hotspot'] })),
      row(
        'a',
        1,
        'Ada',
        summary(
          { scale: 1, storage: 2 },
          { recommendation: 'no', findings: ['write-hotspot', 'no-load-balancer'] },
        ),
      ),
      row('x', 3, 'Bo', summary({ scale: 4 }, { findings: ['deep-sync-chain'] })),
      row('c', 4, 'Ada', null),
    ]
    const p = candidateProgress(rows, 'Ada')
    expect(p.sessions.map((s) => s.id)).toEqual(['a', 'b', 'c'])
    expect(p.scores.scale.map((x) => x.score)).toEqual([1, 3])
    expect(p.scores.storage.map((x) => x.score)).toEqual([2])
    expect(p.recommendations.map((r) => r.recommendation)).toEqual(['no', 'lean-yes'])
    expect(p.phases[0]).toEqual({
      name: 'Requirements',
      plannedMs: 10 * min,
      actualMs: 12 * min,
      sessions: 2,
    })
  })

  it('hints the first library problem drilling the weakest area that the candidate has not done', () => {
    const rows = [
      row('a', 1, 'Ada', summary({ scale: 3, storage: 1 }), 'url-shortener'),
      row('b', 2, 'Ada', summary({ scale: 2, storage: 2 }), 'file-storage'),
    ]
    const hint = nextPractice(rows)
    expect(hint?.area).toBe('storage')
    expect(hint?.mean).toBe(1.5)
    // url-shortener and file-storage are done: the next problem in library order that drills storage.
    expect(hint?.problem?.id).toBe('news-feed')
    expect(nextPractice([row('a', 1, 'Ada', null)])).toBeNull()
  })

  it('maps every library problem to known rubric areas', () => {
    const areas = new Set<string>(RUBRIC_AREAS.map((a) => a.id))
    for (const p of PROBLEMS) {
      expect(PRACTICE_AREAS[p.id], p.id).toBeDefined()
      for (const a of PRACTICE_AREAS[p.id]!) expect(areas.has(a)).toBe(true)
    }
  })
})
