import type { SessionReport } from '@mockboard/shared'

import { inline } from './inert.js'

const time = (at: number | null) =>
  at === null
    ? '—'
    : new Date(at)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`
const percent = (share: number) => `${Math.round(share * 100)}%`

/** report.md's "Talk time" section: consent, then each phase's share of talk per participant. */
export function talkMarkdown(report: SessionReport): string[] {
  const talk = report.talk
  if (!talk) return []
  const lines = [
    '## Talk time',
    '',
    '### Recording consent',
    '',
    '| Participant | Role | Agreed | Stopped |',
    '|---|---|---|---|',
  ]
  for (const c of talk.consent)
    lines.push(`| ${inline(c.participant)} | ${c.role} | ${time(c.consentedAt)} | ${time(c.stoppedAt)} |`)
  lines.push('', '### Share of talk per phase', '')
  const reached = talk.phases.filter((p) => p.talkMs > 0)
  if (reached.length === 0) lines.push('_No talk was recorded._', '')
  for (const p of reached) {
    const people = p.people
      .filter((x) => x.talkMs > 0)
      .map((x) => `${inline(x.participant)} ${percent(x.share)} (${seconds(x.talkMs)})`)
    lines.push(`- **${inline(p.name)}**: ${people.join(', ')}`)
  }
  lines.push('')
  return lines
}
