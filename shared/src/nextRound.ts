import type { Role } from './roles.js'

export type { NextRoundResponse } from './http/sessions.js'

/** The role a participant takes in the next round: the pair swaps interviewer and candidate. */
export function swappedRole(previous: Role): Role {
  if (previous === 'candidate') return 'interviewer'
  if (previous === 'interviewer') return 'candidate'
  return 'observer'
}

/** "URL shortener" → "URL shortener · round 2" → "URL shortener · round 3". */
export function nextRoundTitle(title: string): string {
  const m = /^(.*) · round (\d+)$/.exec(title)
  if (m?.[1] && m[2]) return `${m[1]} · round ${Number(m[2]) + 1}`
  return `${title} · round 2`
}
