import { formatEstimate, formatSessionTime, type SessionReport } from '@mockboard/shared'

import { inline } from './inert.js'

/** The report's "Design review" section: findings open at the end, those resolved and when, the estimates. */
export function designReviewMarkdown(report: SessionReport): string[] {
  const review = report.designReview
  if (!review) return []
  const at = (t: number) => formatSessionTime(t, report.startedAt)
  const open = review.findings.filter((s) => s.resolvedAt === null)
  const resolved = review.findings.filter((s) => s.resolvedAt !== null)
  const lines = ['## Design review', '', `### Open at the end (${open.length})`, '']
  if (open.length === 0) lines.push('_None._')
  for (const s of open)
    lines.push(
      `- **${s.finding.severity}** \`${s.finding.rule}\` ${inline(s.finding.message)} (raised ${at(s.raisedAt)})`,
    )
  lines.push('', `### Resolved (${resolved.length})`, '')
  if (resolved.length === 0) lines.push('_None._')
  for (const s of resolved)
    lines.push(
      `- \`${s.finding.rule}\` ${inline(s.finding.message)} (raised ${at(s.raisedAt)}, resolved ${at(s.resolvedAt!)})`,
    )
  lines.push('', '### Capacity estimates', '', '| Figure | Value | Arithmetic |', '|---|---|---|')
  for (const l of review.estimates.lines)
    lines.push(`| ${l.label} | ${formatEstimate(l)} | ${inline(l.formula)} |`)
  lines.push('')
  return lines
}
