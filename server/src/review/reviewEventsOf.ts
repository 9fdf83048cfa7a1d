import type { FindingEvent } from '@mockboard/shared'

import type { AppContext } from '../context.js'

/** When each finding of a session's board was raised and resolved (the report reads it too). */
export async function reviewEventsOf(
  ctx: Pick<AppContext, 'storage' | 'docWorkers'>,
  id: string,
): Promise<FindingEvent[]> {
  const updates = await ctx.storage.updatesAfter(id, 'board', 0)
  return ctx.docWorkers.run({
    type: 'reviewEvents',
    updates: updates.map((u) => ({ at: u.at, data: u.data })),
  })
}
