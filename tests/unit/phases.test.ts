import {
  applyTimerAction,
  DEFAULT_PHASES,
  formatClock,
  initialTimer,
  phaseSpans,
  type TimerAction,
  type TimerEvent,
  type TimerState,
  timerView,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

const plan = DEFAULT_PHASES
const MIN = 60_000

function run(actions: [number, TimerAction][]): { state: TimerState; events: TimerEvent[] } {
  let state = initialTimer()
  const events: TimerEvent[] = []
  for (const [at, action] of actions) {
    const result = applyTimerAction(plan, state, action, at)
    if (!result) throw new Error(`${action.type} at ${at} does not apply`)
    state = result.state
    events.push(result.event)
  }
  return { state, events }
}

describe('timer view', () => {
  it('counts down from the phase length while running', () => {
    const { state } = run([[1000, { type: 'start' }]])
    const view = timerView(plan, state, 1000 + 3 * MIN)
    expect(view).toMatchObject({ status: 'running', phaseIndex: 0, remainingMs: 7 * MIN, overtime: false })
  })

  it('freezes while paused and resumes where it stopped', () => {
    const { state } = run([
      [0, { type: 'start' }],
      [2 * MIN, { type: 'pause' }],
    ])
    expect(timerView(plan, state, 50 * MIN).remainingMs).toBe(8 * MIN)
    const resumed = applyTimerAction(plan, state, { type: 'resume' }, 50 * MIN)!.state
    expect(timerView(plan, resumed, 51 * MIN).remainingMs).toBe(7 * MIN)
  })

  it('goes into overtime past the phase length', () => {
    const { state } = run([[0, { type: 'start' }]])
    const view = timerView(plan, state, 12 * MIN)
    expect(view.overtime).toBe(true)
    expect(view.remainingMs).toBe(-2 * MIN)
    expect(formatClock(view.remainingMs)).toBe('+2:00')
  })

  it('adds minutes to the current phase only', () => {
    const { state } = run([
      [0, { type: 'start' }],
      [MIN, { type: 'extend', minutes: 5 }],
    ])
    expect(timerView(plan, state, MIN).remainingMs).toBe(14 * MIN)
    const next = applyTimerAction(plan, state, { type: 'next' }, 2 * MIN)!.state
    expect(timerView(plan, next, 2 * MIN).remainingMs).toBe(25 * MIN)
  })

  it('is idle, not overtime, before the start', () => {
    expect(timerView(plan, initialTimer(), 99 * MIN)).toMatchObject({
      status: 'idle',
      remainingMs: 10 * MIN,
      overtime: false,
    })
  })
})

describe('timer transitions', () => {
  it('refuses actions that do not apply', () => {
    const idle = initialTimer()
    expect(applyTimerAction(plan, idle, { type: 'pause' }, 0)).toBeNull()
    expect(applyTimerAction(plan, idle, { type: 'resume' }, 0)).toBeNull()
    expect(applyTimerAction(plan, idle, { type: 'previous' }, 0)).toBeNull()
    const { state } = run([
      [0, { type: 'start' }],
      [1, { type: 'goto', phaseIndex: 3 }],
    ])
    expect(applyTimerAction(plan, state, { type: 'next' }, 2)).toBeNull()
    expect(applyTimerAction(plan, state, { type: 'start' }, 2)).toBeNull()
    const ended = applyTimerAction(plan, state, { type: 'end' }, 3)!.state
    expect(applyTimerAction(plan, ended, { type: 'resume' }, 4)).toBeNull()
  })

  it('moving phases from idle starts the clock', () => {
    const { state } = run([[500, { type: 'next' }]])
    expect(state).toMatchObject({ status: 'running', phaseIndex: 1, startedAt: 500, runningSince: 500 })
  })
})

describe('phase spans from recorded events', () => {
  it('rebuilds actual phase times, excluding pauses', () => {
    const { events } = run([
      [0, { type: 'start' }],
      [12 * MIN, { type: 'next' }],
      [20 * MIN, { type: 'pause' }],
      [25 * MIN, { type: 'resume' }],
      [40 * MIN, { type: 'next' }],
      [55 * MIN, { type: 'end' }],
    ])
    const spans = phaseSpans(plan, events, 60 * MIN)
    expect(spans.map((s) => [s.start, s.end, s.activeMs])).toEqual([
      [0, 12 * MIN, 12 * MIN],
      [12 * MIN, 40 * MIN, 23 * MIN],
      [40 * MIN, 55 * MIN, 15 * MIN],
      [null, null, 0],
    ])
  })

  it('leaves the current phase open while the session runs', () => {
    const { events } = run([
      [0, { type: 'start' }],
      [5 * MIN, { type: 'next' }],
    ])
    const spans = phaseSpans(plan, events, 9 * MIN)
    expect(spans[1]).toMatchObject({ start: 5 * MIN, end: null, activeMs: 4 * MIN })
  })

  it('tolerates events out of order', () => {
    const { events } = run([
      [0, { type: 'start' }],
      [MIN, { type: 'next' }],
      [2 * MIN, { type: 'end' }],
    ])
    expect(phaseSpans(plan, [...events].reverse(), 3 * MIN)).toEqual(phaseSpans(plan, events, 3 * MIN))
  })
})

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [10 * MIN, '10:00'],
    [75 * MIN, '1:15:00'],
    [-61_000, '+1:01'],
  ])('%i ms → %s', (ms, text) => expect(formatClock(ms)).toBe(text))
})
