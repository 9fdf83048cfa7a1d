import { inviteLink, type Role } from '@mockboard/shared'

import type { AppContext } from './context.js'

/**
 * `/s/<id>#token=…` for `role`, valid for MOCKBOARD_TOKEN_TTL_DAYS from now; with `keyTag`, only
 * while the workspace keeps the key it tags (see TokenClaims.keyTag).
 */
export function signedInviteLink(
  ctx: Pick<AppContext, 'signer' | 'config'>,
  sessionId: string,
  role: Role,
  now = Date.now(),
  keyTag?: string,
): string {
  const expiresAt = Math.floor(now / 1000) + ctx.config.tokenTtlDays * 86_400
  const claims =
    keyTag === undefined ? { sessionId, role, expiresAt } : { sessionId, role, expiresAt, keyTag }
  return inviteLink(sessionId, ctx.signer.sign(claims))
}
