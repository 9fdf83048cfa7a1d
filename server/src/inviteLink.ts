import { inviteLink, type Role } from '@mockboard/shared'

import type { AppContext } from './context.js'

/** `/s/<id>#token=…` for `role`, valid for MOCKBOARD_TOKEN_TTL_DAYS from now. */
export function signedInviteLink(
  ctx: Pick<AppContext, 'signer' | 'config'>,
  sessionId: string,
  role: Role,
  now = Date.now(),
): string {
  const expiresAt = Math.floor(now / 1000) + ctx.config.tokenTtlDays * 86_400
  return inviteLink(sessionId, ctx.signer.sign({ sessionId, role, expiresAt }))
}
