import {
  candidateNameProblem,
  knownCandidates,
  knownSpelling,
  normalizeCandidate,
  WORKSPACE_LIMITS,
} from '@mockboard/shared'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'

/** A workspace's candidates, one spelling each (the first seen), sorted. */
export async function workspaceKnownCandidates(ctx: Pick<AppContext, 'storage'>, workspaceId: string) {
  return knownCandidates(await ctx.storage.workspaceCandidates(workspaceId, WORKSPACE_LIMITS.maxPage))
}

/**
 * A candidate name as the server stores it: normalised (see shared candidateName.ts), refused
 * (400 naming `field`) when it would make a broken candidate link, and spelled as the workspace
 * already knows that candidate, so "ada" joins "Ada" instead of starting a second candidate.
 */
export async function acceptCandidate(
  ctx: Pick<AppContext, 'storage'>,
  raw: string,
  workspaceId: string | null,
  field = 'body/candidate',
): Promise<string> {
  const name = normalizeCandidate(raw)
  const problem = candidateNameProblem(name)
  if (problem) throw new HttpError(400, `${field}: ${problem}`)
  if (name === '' || workspaceId === null) return name
  return knownSpelling(name, await workspaceKnownCandidates(ctx, workspaceId))
}
