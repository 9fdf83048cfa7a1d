import type { TimerRead } from '../docs/controlDoc.js'
import type { RubricRead } from '../docs/privateDoc.js'
import type { SessionSummary } from '../http/workspaces.js'
import { type Phase, phaseSpans } from '../phases.js'

/**
 * The listing's view of a session, from its timer and rubric: time per phase against the plan in
 * force, overruns, scores and recommendation. `until` closes a phase still running.
 */
export function summarizeSession(
  recordPlan: readonly Phase[],
  timer: TimerRead,
  rubric: RubricRead | null,
  until: number,
): SessionSummary {
  const plan = timer.plan ?? recordPlan
  const endedAt = timer.state?.endedAt ?? null
  const phases = phaseSpans(plan, timer.events, endedAt ?? until).map((span) => ({
    name: span.name,
    plannedMs: span.plannedMinutes * 60_000,
    actualMs: span.activeMs,
  }))
  const over = phases.map((p) => Math.max(0, p.actualMs - p.plannedMs))
  const scores: Record<string, number> = {}
  for (const [area, value] of Object.entries(rubric?.scores ?? {}))
    if (value.score !== null) scores[area] = value.score
  return {
    startedAt: timer.state?.startedAt ?? null,
    endedAt,
    activeMs: phases.reduce((sum, p) => sum + p.actualMs, 0),
    overrunMs: over.reduce((sum, ms) => sum + ms, 0),
    overrunPhases: over.filter((ms) => ms > 0).length,
    phases,
    scores,
    recommendation: rubric?.recommendation ?? null,
  }
}
