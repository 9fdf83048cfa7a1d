import type { WorkspaceSession } from '../http/workspaces.js'
import { type Recommendation, RUBRIC_AREAS, type RubricAreaId } from '../rubric.js'
import { candidateKey } from './candidateName.js'

/** One point of a per-area score line: a session and the score it gave (oldest first). */
export interface ScorePoint {
  sessionId: string
  at: number
  score: number
}

/** Planned against actual time of one phase name, averaged over the sessions that ran it. */
export interface PhaseAverage {
  name: string
  plannedMs: number
  actualMs: number
  sessions: number
}

export interface CandidateProgress {
  /** The candidate's sessions, oldest first. */
  sessions: WorkspaceSession[]
  scores: Record<RubricAreaId, ScorePoint[]>
  recommendations: { sessionId: string; at: number; recommendation: Recommendation }[]
  phases: PhaseAverage[]
  /** Design-review rules that fired on the final board, with the number of sessions each fired in; most first. */
  findings: { rule: string; sessions: number }[]
}

/** A candidate's sessions of a workspace listing, turned into the lines of the candidate page. */
export function candidateProgress(all: readonly WorkspaceSession[], candidate: string): CandidateProgress {
  // One candidate whatever the spelling in the link or a session ("ada", "Ada ", "Ada" + zero-width space).
  const key = candidateKey(candidate)
  const sessions = all
    .filter((s) => candidateKey(s.candidate) === key)
    .sort((a, b) => a.createdAt - b.createdAt)
  const scores = Object.fromEntries(RUBRIC_AREAS.map((a) => [a.id, [] as ScorePoint[]])) as Record<
    RubricAreaId,
    ScorePoint[]
  >
  const recommendations: CandidateProgress['recommendations'] = []
  const phases = new Map<string, PhaseAverage>()
  const findings = new Map<string, number>()
  for (const s of sessions) {
    const summary = s.summary
    if (!summary) continue
    for (const rule of new Set(summary.findings ?? [])) findings.set(rule, (findings.get(rule) ?? 0) + 1)
    for (const { id } of RUBRIC_AREAS) {
      const score = summary.scores[id]
      if (score !== undefined) scores[id].push({ sessionId: s.id, at: s.createdAt, score })
    }
    if (summary.recommendation)
      recommendations.push({ sessionId: s.id, at: s.createdAt, recommendation: summary.recommendation })
    // Sessions the clock never ran say nothing about time management.
    if (summary.startedAt === null) continue
    for (const p of summary.phases) {
      const avg = phases.get(p.name) ?? { name: p.name, plannedMs: 0, actualMs: 0, sessions: 0 }
      avg.plannedMs += p.plannedMs
      avg.actualMs += p.actualMs
      avg.sessions += 1
      phases.set(p.name, avg)
    }
  }
  const averaged = [...phases.values()].map((p) => ({
    ...p,
    plannedMs: p.plannedMs / p.sessions,
    actualMs: p.actualMs / p.sessions,
  }))
  const counted = [...findings].map(([rule, n]) => ({ rule, sessions: n }))
  counted.sort((a, b) => b.sessions - a.sessions || a.rule.localeCompare(b.rule))
  return { sessions, scores, recommendations, phases: averaged, findings: counted }
}
