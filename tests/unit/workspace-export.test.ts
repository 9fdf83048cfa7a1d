import type { WorkspaceSession } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { sessionsCsv, sessionsJson } from '../../client/src/workspace/exportSessions'
import { minutes, sortSessions } from '../../client/src/workspace/sessionColumns'

const session = (id: string, patch: Partial<WorkspaceSession> = {}): WorkspaceSession => ({
  id,
  title: `Round ${id}`,
  problem: 'Design a chat',
  problemId: 'chat',
  candidate: 'Ada',
  createdAt: Date.UTC(2026, 0, Number(id)),
  endedAt: null,
  interviewerLink: `/s/${id}#token=secret-${id}`,
  summary: null,
  ...patch,
})

const summary = (scale: number, recommendation: 'no' | 'yes') => ({
  startedAt: 1,
  endedAt: 2,
  activeMs: 30 * 60_000,
  overrunMs: 0,
  overrunPhases: 0,
  phases: [],
  scores: { scale },
  recommendation,
})

describe('workspace exports and sorting', () => {
  it('writes CSV a spreadsheet cannot run: formulas neutralised, quotes and commas escaped, no links', () => {
    const csv = sessionsCsv([
      session('1', { title: '=HYPERLINK("http://evil")', candidate: 'Doe, Jane' }),
      session('2', { summary: summary(3, 'yes') }),
    ])
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('score_scale')
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(lines[1]).toContain('"Doe, Jane"')
    expect(lines[2]).toContain(',30,0,0,,3,')
    expect(lines[2]).toContain('Hire')
    expect(csv).not.toContain('token=')
    expect(sessionsJson([session('1')])).not.toContain('token=')
  })

  it('neutralises a formula behind white space or in full-width signs, and marks the file as UTF-8', () => {
    const csv = sessionsCsv([
      session('1', { title: ' =1+2', candidate: '\u00a0@SUM(A1)' }),
      session('2', { title: '\uFF1D1+1', candidate: 'Zoë' }),
    ])
    expect(csv.startsWith('\uFEFFcreated,')).toBe(true)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[1]).toContain(",' =1+2,")
    expect(lines[1]).toContain(",'\u00a0@SUM(A1),")
    expect(lines[2]).toContain(",'\uFF1D1+1,")
    expect(lines[2]).toContain(',Zoë,')
  })

  it('sorts by a column either way, sessions without a value last', () => {
    const rows = [
      session('1', { summary: summary(2, 'no') }),
      session('2'),
      session('3', { summary: summary(4, 'yes') }),
    ]
    expect(sortSessions(rows, 'score', true).map((s) => s.id)).toEqual(['3', '1', '2'])
    expect(sortSessions(rows, 'score', false).map((s) => s.id)).toEqual(['1', '3', '2'])
    expect(sortSessions(rows, 'date', true).map((s) => s.id)).toEqual(['3', '2', '1'])
  })
})

describe('minutes', () => {
  it('reads a short run as under a minute, not as nothing', () => {
    expect(minutes(0)).toBe('0 min')
    expect(minutes(20_000)).toBe('<1 min')
    expect(minutes(42 * 60_000)).toBe('42 min')
    expect(minutes(65 * 60_000)).toBe('1 h 05')
  })
})
