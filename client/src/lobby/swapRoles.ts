import type { CreateSessionBody, Role, SessionInfo } from '@mockboard/shared'

/** The role this browser takes in the next round: the pair swaps interviewer and candidate. */
export function swappedRole(previous: Role): Role | null {
  if (previous === 'candidate') return 'interviewer'
  if (previous === 'interviewer') return 'candidate'
  return null
}

/** "URL shortener" → "URL shortener · round 2" → "URL shortener · round 3". */
export function nextRoundTitle(title: string): string {
  const m = /^(.*) · round (\d+)$/.exec(title)
  if (m?.[1] && m[2]) return `${m[1]} · round ${Number(m[2]) + 1}`
  return `${title} · round 2`
}

/** The next round's create body: same problem (library entry kept) and the same phase plan. */
export function nextRoundBody(info: SessionInfo): CreateSessionBody {
  const body: CreateSessionBody = { title: nextRoundTitle(info.title).slice(0, 120), problem: info.problem, phases: info.phases }
  if (info.problemId) body.problemId = info.problemId
  return body
}
