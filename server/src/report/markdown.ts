import {
  formatSessionTime,
  type Recommendation,
  RECOMMENDATION_LABELS,
  RUBRIC_AREAS,
  SCORE_LABELS,
  type SessionReport,
} from '@mockboard/shared'

import { fenced, inline } from './inert.js'
import { designReviewMarkdown } from './reviewMarkdown.js'
import { talkMarkdown } from './talkMarkdown.js'

const minutes = (ms: number) => `${Math.round(ms / 6000) / 10} min`
const time = (at: number | null) =>
  at === null
    ? '—'
    : new Date(at)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
/** User text in a table cell: inert, on one line, pipes escaped. */
const cell = (s: string) => inline(s)

/** The session report as Markdown: problem, phases planned vs actual, notes, inventory, rubric. */
export function renderMarkdown(report: SessionReport): string {
  const lines: string[] = [`# ${inline(report.title)}`, '']
  lines.push(
    `- Session: \`${report.id}\``,
    `- Started: ${time(report.startedAt)}`,
    `- Ended: ${time(report.endedAt)}`,
    '',
  )
  if (report.problem.trim()) lines.push('## Problem', '', fenced(report.problem.trim()), '')

  lines.push('## Phases', '', '| Phase | Planned | Actual | From | To |', '|---|---|---|---|---|')
  for (const p of report.phases) {
    const actual = p.start === null ? 'not reached' : minutes(p.activeMs)
    lines.push(
      `| ${cell(p.name)} | ${p.plannedMinutes} min | ${actual} | ${time(p.start)} | ${time(p.end)} |`,
    )
  }
  lines.push('')

  lines.push('## Diagram', '', '![Final diagram](board.png)', '')
  const { components, connections, frames } = report.inventory
  lines.push(`### Components (${components.length})`, '')
  if (components.length === 0) lines.push('_No components on the board._', '')
  else {
    lines.push('| Component | Kind | Technology | Replicas | Shard key |', '|---|---|---|---|---|')
    for (const c of components)
      lines.push(
        `| ${cell(c.label)} | ${cell(c.kindLabel)} | ${cell(c.technology) || '—'} | ${c.replicas} | ${cell(c.shardKey) || '—'} |`,
      )
    lines.push('')
    // Notes may span lines: each in a fence of its own, under the component's (escaped) name.
    for (const c of components.filter((c) => c.notes.trim()))
      lines.push(`**${inline(c.label)}**`, '', fenced(c.notes.trim()), '')
  }
  if (frames.length > 0) lines.push(`Frames: ${frames.map((f) => cell(f.label)).join(', ')}`, '')
  lines.push(`### Connections (${connections.length})`, '')
  if (connections.length === 0) lines.push('_No connections._', '')
  else {
    for (const c of connections)
      lines.push(`- ${inline(c.from)} → ${inline(c.to)}${c.label ? ` (${inline(c.label)})` : ''}`)
    lines.push('')
  }

  lines.push('## Notes', '', report.notes.trim() ? fenced(report.notes.trim()) : '_No notes._', '')

  if (report.interviewer) {
    const { rubric, recommendation, bookmarks, privateNotes } = report.interviewer
    lines.push('## Rubric', '', '| Area | Score | Comment |', '|---|---|---|')
    for (const area of RUBRIC_AREAS) {
      const r = rubric[area.id]
      const score = r?.score ? `${r.score}/4 ${SCORE_LABELS[r.score]}` : '—'
      // Each cited moment as its clock time and label; the report page links them to the replay.
      const cited = (r?.evidence ?? []).map((e) => `${formatSessionTime(e.at, report.startedAt)} ${e.label}`)
      const comment = [r?.comment ?? '', ...cited.map((c) => `[${c}]`)].filter(Boolean).join(' ')
      lines.push(`| ${area.label} | ${score} | ${cell(comment) || '—'} |`)
    }
    lines.push('')
    if (recommendation)
      lines.push(
        `**Recommendation:** ${inline(RECOMMENDATION_LABELS[recommendation as Recommendation] ?? recommendation)}`,
        '',
      )
    lines.push('## Bookmarks', '')
    if (bookmarks.length === 0) lines.push('_No bookmarks._')
    for (const b of bookmarks) {
      const phase = report.phases[b.phaseIndex]?.name ?? ''
      lines.push(
        `- **${formatSessionTime(b.at, report.startedAt)}** ${phase ? `(${inline(phase)}) ` : ''}${inline(b.label) || 'Bookmark'}`,
      )
    }
    lines.push('')
    if (privateNotes.trim()) lines.push('## Interviewer notes', '', fenced(privateNotes.trim()), '')
  }
  lines.push(...designReviewMarkdown(report))
  lines.push(...talkMarkdown(report))
  return lines.join('\n')
}
