import { DEFAULT_PHASES, nextRoundTitle, PHASE_LIMITS, swappedRole } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import {
  addRow,
  checkPlan,
  formatMinutes,
  moveRow,
  removeRow,
  rowsFromPhases,
  updateRow,
} from '../../client/src/lobby/planEditing.js'
import {
  forgetSession,
  type KeyValueStore,
  listSessions,
  rememberSession,
  tokenOfLink,
  updateSession,
} from '../../client/src/lobby/sessionHistory.js'

let n = 0
const key = () => `k${n++}`

describe('phase plan editing', () => {
  it('starts from the default plan and validates it', () => {
    const check = checkPlan(rowsFromPhases(DEFAULT_PHASES, key))
    expect(check.phases).toEqual(DEFAULT_PHASES)
    expect(check.totalMinutes).toBe(60)
    expect(check.planError).toBeNull()
  })

  it('adds, renames, re-times, moves and removes phases', () => {
    let rows = rowsFromPhases(DEFAULT_PHASES.slice(0, 2), key)
    rows = addRow(rows, key)
    const added = rows[2]!
    rows = updateRow(rows, added.key, { name: 'Coding', minutes: '15' })
    rows = moveRow(rows, added.key, -1)
    expect(checkPlan(rows).phases).toEqual([
      { name: 'Requirements', minutes: 10 },
      { name: 'Coding', minutes: 15 },
      { name: 'High-level design', minutes: 25 },
    ])
    rows = removeRow(rows, rows[0]!.key)
    expect(checkPlan(rows).phases?.map((p) => p.name)).toEqual(['Coding', 'High-level design'])
    expect(moveRow(rows, rows[0]!.key, -1)).toEqual(rows)
  })

  it('names what is wrong with a row, as the server would refuse it', () => {
    const rows = rowsFromPhases([{ name: 'A', minutes: 10 }], key)
    const empty = updateRow(rows, rows[0]!.key, { name: '  ' })
    expect(checkPlan(empty).rowErrors[rows[0]!.key]).toMatch(/name/)
    for (const minutes of ['', '0', '121', '1.5']) {
      const check = checkPlan(updateRow(rows, rows[0]!.key, { minutes }))
      expect(check.phases).toBeNull()
      expect(check.rowErrors[rows[0]!.key]).toMatch(/1 to 120/)
    }
    expect(checkPlan(updateRow(rows, rows[0]!.key, { minutes: '120' })).phases).toEqual([
      { name: 'A', minutes: 120 },
    ])
  })

  it('keeps between 1 and 10 phases', () => {
    let rows = rowsFromPhases([{ name: 'Only', minutes: 5 }], key)
    expect(removeRow(rows, rows[0]!.key)).toHaveLength(1)
    for (let i = 0; i < 20; i++) rows = addRow(rows, key)
    expect(rows).toHaveLength(PHASE_LIMITS.maxPhases)
    expect(checkPlan([]).planError).toMatch(/at least one/)
  })

  it('formats totals', () => {
    expect(formatMinutes(45)).toBe('45 min')
    expect(formatMinutes(60)).toBe('1 h')
    expect(formatMinutes(95)).toBe('1 h 35 min')
  })
})

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>()
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
}

describe('my sessions', () => {
  it('lists newest first, one entry per session and role, keeping learned links', () => {
    const store = memoryStore()
    const links = { interviewer: '/s/a#token=ti', candidate: '/s/a#token=tc', observer: '/s/a#token=to' }
    rememberSession({ id: 'a', title: 'A', role: 'interviewer', token: 'ti', joinedAt: 1, links }, store)
    rememberSession({ id: 'b', title: 'B', role: 'candidate', token: 'tb', joinedAt: 2 }, store)
    expect(listSessions(store).map((s) => s.id)).toEqual(['b', 'a'])
    rememberSession({ id: 'a', title: 'A', role: 'interviewer', token: 'ti', joinedAt: 3 }, store)
    const [first] = listSessions(store)
    expect(first?.id).toBe('a')
    expect(first?.links).toEqual(links)
    expect(listSessions(store)).toHaveLength(2)
    updateSession('a', 'interviewer', { endedAt: 99 }, store)
    expect(listSessions(store)[0]?.endedAt).toBe(99)
    forgetSession('a', 'interviewer', store)
    expect(listSessions(store).map((s) => s.id)).toEqual(['b'])
  })

  it('reads broken storage as empty', () => {
    const store = memoryStore()
    store.setItem('mockboard:sessions', '{not json')
    expect(listSessions(store)).toEqual([])
    store.setItem(
      'mockboard:sessions',
      JSON.stringify([{ id: 1 }, null, { id: 'x', token: 't', role: 'observer', joinedAt: 1, title: 'X' }]),
    )
    expect(listSessions(store).map((s) => s.id)).toEqual(['x'])
    expect(listSessions(null)).toEqual([])
  })

  it('pulls the token out of an invite link', () => {
    expect(tokenOfLink('/s/abc#token=t.o-k_en')).toBe('t.o-k_en')
    expect(tokenOfLink('/s/abc')).toBe('')
  })
})

describe('swap roles', () => {
  it('swaps interviewer and candidate; an observer stays an observer', () => {
    expect(swappedRole('candidate')).toBe('interviewer')
    expect(swappedRole('interviewer')).toBe('candidate')
    expect(swappedRole('observer')).toBe('observer')
  })

  it('numbers the rounds', () => {
    expect(nextRoundTitle('Design a chat system')).toBe('Design a chat system · round 2')
    expect(nextRoundTitle('Design a chat system · round 2')).toBe('Design a chat system · round 3')
  })
})
