import type { AppContext } from '../context.js'
import { announceDeletion } from './deletionFanout.js'

/**
 * Deletes a session for good: its live sockets are closed with 4410 sessionDeleted and its rooms
 * flushed and unloaded first (so no write lands after the delete), then every stored row that
 * names it goes. Its links answer 404 from then on. False when there was no such session.
 * Other instances hear of it over the fan-out and close their sockets of it too; an update one of
 * them stores in the moment before it hears is left behind (no row names the session any more).
 */
export async function removeSession(
  ctx: Pick<AppContext, 'registry' | 'storage' | 'lifecycle' | 'summaries' | 'logger' | 'fanout'>,
  sessionId: string,
): Promise<boolean> {
  announceDeletion(ctx.fanout, sessionId)
  await ctx.registry.closeSession(sessionId, 'sessionDeleted')
  ctx.summaries.forget(sessionId)
  const existed = await ctx.storage.deleteSession(sessionId)
  ctx.lifecycle.forget(sessionId)
  if (existed) ctx.logger.info({ sessionId }, 'session deleted')
  return existed
}
