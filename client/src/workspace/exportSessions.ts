import { RUBRIC_AREAS, type WorkspaceSession } from '@mockboard/shared'

import { meanScore, problemLabel, recommendationLabel } from './sessionColumns'

/**
 * What a spreadsheet may read as the start of a formula: = + - @ (their full-width forms too), after
 * any leading white space, or a leading tab or CR.
 */
const FORMULA_START = /^(\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/u

/**
 * One CSV cell: quoted when needed, and a text that could start a formula neutralised with a quote
 * mark, so a title typed as a formula is never run by the spreadsheet that opens the export.
 */
function cell(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString())

/** The sessions as CSV: one row each, a column per rubric area; links are left out (they are keys). */
export function sessionsCsv(sessions: readonly WorkspaceSession[]): string {
  const header = [
    'created',
    'ended',
    'title',
    'problem',
    'candidate',
    'active_minutes',
    'overrun_minutes',
    'overrun_phases',
    ...RUBRIC_AREAS.map((a) => `score_${a.id}`),
    'mean_score',
    'recommendation',
  ]
  const rows = sessions.map((s) => {
    const m = s.summary
    const mean = meanScore(s)
    return [
      iso(s.createdAt),
      iso(s.endedAt),
      s.title,
      problemLabel(s),
      s.candidate,
      m ? Math.round(m.activeMs / 60_000) : null,
      m ? Math.round(m.overrunMs / 60_000) : null,
      m ? m.overrunPhases : null,
      ...RUBRIC_AREAS.map((a) => m?.scores[a.id] ?? null),
      mean === null ? null : Math.round(mean * 100) / 100,
      recommendationLabel(s) || null,
    ]
      .map(cell)
      .join(',')
  })
  // The byte-order mark makes Excel read the file as UTF-8 (accented names); others ignore it.
  return '\uFEFF' + [header.join(','), ...rows].join('\r\n') + '\r\n'
}

/** The sessions as JSON, as the API gave them minus the interviewer links (an export is shared more freely). */
export function sessionsJson(sessions: readonly WorkspaceSession[]): string {
  return JSON.stringify(
    sessions.map(({ interviewerLink: _link, ...rest }) => rest),
    null,
    2,
  )
}

/** Saves `text` as a file through a temporary object URL. */
export function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1_000)
}
