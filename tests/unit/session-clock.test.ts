import {
  applyTimerAction,
  DEFAULT_PHASES,
  formatSessionTime,
  initialTimer,
  interviewStartedAt,
  type SessionHistory,
  type SessionReport,
  type TimerAction,
  type TimerEvent,
  type TimerState,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { buildTimeline } from '../../client/src/replay/timelineModel.js'
import { renderMarkdown } from '../../server/src/report/markdown.js'

const T0 = Date.UTC(2026, 10, 28, 14, 0, 0)
const MIN = 60_000

/** Drives the real timer rules as the interviewer's page does, collecting state and events. */
function run(actions: [number, TimerAction][]): { state: TimerState; events: TimerEvent[] } {
  let state = initialTimer()
  const events: TimerEvent[] = []
  for (const [at, action] of actions) {
    const next = applyTimerAction(DEFAULT_PHASES, state, action, at)
    if (!next) throw new Error(`${action.type} does not apply`)
    state = next.state
    events.push(next.event)
  }
  return { state, events }
}

describe('one clock for bookmarks', () => {
  it('formats m:ss since the interview started, −m:ss before it, pre-start without one', () => {
    expect(formatSessionTime(T0 + 4 * MIN + 6_000, T0)).toBe('4:06')
    expect(formatSessionTime(T0 + 4 * MIN + 6_999, T0)).toBe('4:06')
    expect(formatSessionTime(T0, T0)).toBe('0:00')
    expect(formatSessionTime(T0 + 75 * MIN, T0)).toBe('1:15:00')
    expect(formatSessionTime(T0 - 12_000, T0)).toBe('−0:12')
    expect(formatSessionTime(T0, null)).toBe('pre-start')
  })

  it("finds the interview's start in the timer events exactly where the timer state has it", () => {
    const started = run([
      [T0 - MIN, { type: 'extend', minutes: 5 }],
      [T0, { type: 'start' }],
      [T0 + 9 * MIN, { type: 'next' }],
    ])
    expect(interviewStartedAt(started.events)).toBe(T0)
    expect(started.state.startedAt).toBe(T0)
    // Moving to a phase from idle starts the interview too.
    const moved = run([[T0 + 3_000, { type: 'next' }]])
    expect(interviewStartedAt(moved.events)).toBe(moved.state.startedAt)
    expect(interviewStartedAt([])).toBeNull()
  })

  it('live panel, replay and report.md show a bookmark at the same instant', () => {
    const { state, events } = run([
      [T0, { type: 'start' }],
      [T0 + 10 * MIN, { type: 'next' }],
      [T0 + 30 * MIN, { type: 'end' }],
    ])
    const bookmark = { id: 'b', at: T0 + 4 * MIN + 6_400, phaseIndex: 0, label: 'good estimate' }
    // The replay's timeline starts a second before the first stored edit, which came before Start.
    const firstEdit = T0 - 19_000
    const history: SessionHistory = {
      id: 's',
      title: 't',
      problem: '',
      plannedPhases: [...DEFAULT_PHASES],
      createdAt: T0 - 3_600_000,
      startedAt: T0 - 3_600_000,
      endedAt: T0 + 30 * MIN,
      lastActivityAt: T0 + 30 * MIN,
      phases: [],
      timerEvents: events,
      updates: {
        at: [T0 - 3_600_000, firstEdit, T0 + MIN],
        doc: ['board', 'board', 'board'],
        seq: [1, 2, 3],
        size: [1, 1, 1],
      },
      bookmarks: [bookmark],
      reportShared: false,
    }
    const model = buildTimeline(history)
    expect(model.start).toBe(firstEdit - 1_000)
    const live = formatSessionTime(bookmark.at, state.startedAt)
    const replay = formatSessionTime(bookmark.at, model.clockOrigin)
    const report: SessionReport = {
      id: 's',
      title: 't',
      problem: '',
      createdAt: history.createdAt,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      phases: [],
      notes: '',
      inventory: { components: [], connections: [], frames: [], otherShapes: {} },
      interviewer: { rubric: {}, recommendation: null, bookmarks: [bookmark], privateNotes: '' },
    }
    expect(live).toBe('4:06')
    expect(replay).toBe(live)
    expect(renderMarkdown(report)).toContain(`- **${live}** `)
  })
})
