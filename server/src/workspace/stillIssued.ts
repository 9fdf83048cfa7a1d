import type { SessionRecord, Storage } from '../storage/Storage.js'
import type { TokenClaims } from '../tokens.js'
import { workspaceKeyTag } from './workspaceKey.js'

/**
 * Whether a verified token still opens its session: always, except an interviewer link a
 * workspace listed, which opens it only while the workspace keeps the key it was listed under
 * (a coach rotates a leaked key to take every session back). One workspace read, for those only.
 */
export async function stillIssued(
  storage: Pick<Storage, 'getWorkspace'>,
  claims: TokenClaims,
  session: SessionRecord,
): Promise<boolean> {
  if (claims.keyTag === undefined) return true
  if (session.workspaceId === null) return false
  const workspace = await storage.getWorkspace(session.workspaceId)
  return workspace !== null && workspaceKeyTag(workspace.keyHash) === claims.keyTag
}
