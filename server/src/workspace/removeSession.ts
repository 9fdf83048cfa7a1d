import type { AppContext } from '../context.js'
import { announceDeletion } from './deletionFanout.js'

/** What deleting a session touches. */
export type RemovalContext = Pick<
  AppContext,
  'registry' | 'storage' | 'lifecycle' | 'summaries' | 'logger' | 'fanout' | 'replayBodies'
>

/**
 * Deletes a session for good. It is marked deleted first, on this instance and (over the fan-out)
 * on the others: from then on its writes are refused in memory, its rooms drop every frame still
 * arriving and close their sockets with 4410 sessionDeleted. Once the writes already on their way
 * to storage here settled, every stored row that names it goes. Its links answer 404 from then on.
 * False when there was no such session. Another instance may still be finishing a write it started
 * before it heard of the deletion; that is the one row this cannot wait for.
 */
export async function removeSession(ctx: RemovalContext, sessionId: string): Promise<boolean> {
  announceDeletion(ctx.fanout, sessionId)
  ctx.summaries.forget(sessionId)
  await ctx.registry.closeSession(sessionId)
  const existed = await ctx.storage.deleteSession(sessionId)
  ctx.lifecycle.forget(sessionId)
  ctx.replayBodies.forgetSession(sessionId)
  if (existed) ctx.logger.info({ sessionId }, 'session deleted')
  return existed
}
