import type { Problem } from '@mockboard/shared'

/** The text stored as a session's problem when picked from the library (the report prints it). */
export function problemText(problem: Problem): string {
  return `${problem.title}\n\n${problem.brief}\n\nScale:\n${problem.scale.map((s) => `- ${s}`).join('\n')}`
}
