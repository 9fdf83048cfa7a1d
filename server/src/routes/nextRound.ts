import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { inviteLink, nextRoundTitle, swappedRole, writeNextRound } from '@mockboard/shared'
import { errorResponses, NextRoundResponse, SessionParams } from '@mockboard/shared/http'
import * as Y from 'yjs'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { seedSession } from '../seedSession.js'
import { type SessionRecord, storedParts } from '../storage/Storage.js'
import { noStore } from './noStore.js'
import { perAddress } from './perAddress.js'
import { requireDataRoom } from './requireDataRoom.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/**
 * `POST /api/sessions/:id/next-round`: one shared next round per session. Its id is derived from
 * this session's id under the server secret, so both partners' clicks (in any order, at once, on
 * any instance) name the same session: the first creates it, the others find it. The caller gets
 * their own link there with interviewer and candidate swapped; a token is only ever signed for the
 * NEXT session, never a better role in this one.
 */
export const nextRoundRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/sessions/:id/next-round',
    {
      schema: { params: SessionParams, response: { 200: NextRoundResponse, ...errorResponses } },
      // It may create a session, so it shares the per-address budget of POST /api/sessions.
      ...perAddress(ctx.config.http.createPerMinute, 'MOCKBOARD_CREATE_PER_MINUTE'),
      ...noStore,
      preHandler: sessionAccess(ctx),
    },
    async (request) => {
      const { claims, session } = accessOf(request)
      const nextId = ctx.signer.deriveId('next-round', session.id)
      let next = await ctx.storage.getSession(nextId)
      if (!next) {
        // Observers follow the pair; only the pair may start the round.
        if (claims.role === 'observer') throw new HttpError(409, 'the next round has not been started yet')
        requireDataRoom(ctx.dataBudget)
        next = await createNextRound(ctx, session, nextId)
      }
      const role = swappedRole(claims.role)
      const expiresAt = Math.floor(Date.now() / 1000) + ctx.config.tokenTtlDays * 86_400
      const link = inviteLink(next.id, ctx.signer.sign({ sessionId: next.id, role, expiresAt }))
      return { id: next.id, role, link }
    },
  )
}

async function createNextRound(
  ctx: AppContext,
  session: SessionRecord,
  nextId: string,
): Promise<SessionRecord> {
  const carried = await carriedOver(ctx, session.id)
  const now = Date.now()
  const record: SessionRecord = {
    id: nextId,
    title: nextRoundTitle(session.title).slice(0, 120),
    problem: session.problem,
    problemId: session.problemId,
    phases: session.phases,
    createdAt: now,
    endedAt: null,
    reportShared: false,
    replayShared: false,
    // Roles swap, so the next round is not the coach's interview of this candidate: its interviewer
    // is the former candidate, who holds no workspace key. Carried into the coach's workspace it
    // let a candidate link read the workspace's candidate names and score "any" candidate there.
    workspaceId: null,
    candidate: '',
  }
  try {
    await ctx.storage.createSession(record)
  } catch (err) {
    // The partner's request created it a moment ago (primary key taken): use theirs.
    const existing = await ctx.storage.getSession(nextId)
    if (existing) return existing
    throw err
  }
  await seedSession(ctx.storage, nextId, record.phases, now, carried.estimates, carried.mode)
  ctx.metrics.sessionsCreated.inc()
  if (record.workspaceId) ctx.summaries.changed(nextId)
  await announce(ctx, session.id, nextId)
  return record
}

/** The estimates card's values and the mode, from this round's documents as they stand now. */
async function carriedOver(ctx: AppContext, sessionId: string) {
  // A loaded room's last updates may still be on their way to storage.
  await ctx.registry.peek(sessionId, 'board')?.flush()
  return ctx.readGate.run(async () => {
    const [board, control] = await Promise.all([
      ctx.storage.loadDoc(sessionId, 'board'),
      ctx.storage.loadDoc(sessionId, 'control'),
    ])
    return ctx.docWorkers.run({ type: 'carry', board: storedParts(board), control: storedParts(control) })
  })
}

/**
 * Tells every page of this session where the pair went, through the control doc (which only the
 * interviewer may write, hence the server does). A loaded room stores and relays it like any update.
 */
async function announce(ctx: AppContext, sessionId: string, nextId: string): Promise<void> {
  const room = ctx.registry.peek(sessionId, 'control')
  if (room) {
    await room.change((doc) => writeNextRound(doc, nextId))
    return
  }
  const doc = new Y.Doc()
  writeNextRound(doc, nextId)
  await ctx.storage.appendUpdate(sessionId, 'control', Y.encodeStateAsUpdate(doc), Date.now())
  doc.destroy()
}
