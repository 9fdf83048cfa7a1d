import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { accessFor, type DocName, encodeSegment } from '@mockboard/shared'
import {
  errorResponses,
  HistoryQuery,
  SegmentQuery,
  SessionParams,
  ShareBody,
  StateQuery,
  StepsQuery,
} from '@mockboard/shared/http'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { loadParts, stateAt } from '../replay/readStored.js'
import { storedParts } from '../storage/Storage.js'
import { passThrough } from './passThrough.js'
import { perAddress } from './perAddress.js'
import { forgetEncodings, sendEncoded, sendFromCache, sendIfCached } from './sendEncoded.js'
import { accessOf, replayAccess, sessionAccess } from './sessionAccess.js'

const octets = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/** Replay reads: the timeline of a session, and any document as it was at any instant. */
export const replayRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Each of these reads storage and encodes up to a whole document: budgeted per client address.
  const budget = perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE')
  const replayer = replayAccess(ctx)
  /** Closed segments compressed once per encoding (see sendEncoded), and whether the history
   * last built for a session is still current (its body is in `encoded`). */
  const { encoded, histories } = ctx.replayBodies
  /** A document read also needs the role's access to that document (`private`: the interviewer only). */
  const docReader = (request: FastifyRequest, doc: (typeof StateQuery)['static']['doc']) => {
    const { role } = accessOf(request).claims
    if (accessFor(doc, role) === 'none') throw new HttpError(403, `role ${role} may not read ${doc}`)
  }

  const history = { 200: passThrough<string>(), ...errorResponses }
  const bytes = { 200: passThrough<Buffer>(), ...errorResponses }

  /** A replay read's route options: its query and replies, the replay's access, the budget. */
  const replayRead = <Q extends TSchema, R extends object>(querystring: Q, response: R) => ({
    schema: { params: SessionParams, querystring, response },
    preHandler: replayer,
    ...budget,
  })

  // The body is JSON text serialised on a document worker inside the read gate, then compressed.
  app.get('/api/sessions/:id/history', replayRead(HistoryQuery, history), async (request, reply) => {
    const { claims, session } = accessOf(request)
    const id = session.id
    const interviewer = claims.role === 'interviewer'
    const packed = request.query.format === 'packed'
    reply.header('cache-control', 'private, no-cache').type('application/json; charset=utf-8')
    // The body differs by who reads it (private updates) and by format, and by nothing else.
    const view = `${id}/${interviewer ? 'interviewer' : 'others'}/${packed ? 'packed' : 'json'}`
    // Sent or not (a boolean: a FastifyReply is a thenable, so one resolved from a promise is lost).
    const cached = async () => {
      const current = await histories.current(view, session)
      return (current && (await sendFromCache(request, reply, encoded, current, 'private, no-cache'))) || null
    }
    await histories.exclusive(view, cached, async () => {
      const withBookmarks = interviewer || session.reportShared
      const docs: DocName[] = withBookmarks ? ['board', 'control', 'private'] : ['board', 'control']
      // Taken before anything is read: the body holds at least these, so a later update rebuilds.
      const heads = await histories.heads(id, docs)
      let started = 0
      // Listing every update and serialising them runs on a document worker, inside the read gate.
      const { body, cameras } = await ctx.readGate.run(async () => {
        started = performance.now() // the build's own cost, not its wait for the gate
        const cameras = await ctx.storage.listCameras(id)
        // The worker reads the file on its own connection: the log's rows still in the journal first.
        if (ctx.sqliteFile) await ctx.storage.settle(id)
        const body = await ctx.docWorkers.run({
          type: 'history',
          control: await loadParts(ctx.storage, id, 'control'),
          private: withBookmarks ? await loadParts(ctx.storage, id, 'private') : null,
          updates: ctx.sqliteFile
            ? { sqlite: ctx.sqliteFile, sessionId: id, withPrivate: interviewer }
            : {
                rows: (await ctx.storage.listUpdates(id)).filter((e) => interviewer || e.doc !== 'private'),
              },
          record: session,
          cameras,
          packed,
          now: Date.now(),
        })
        return { body, cameras: cameras.length }
      })
      const cost = performance.now() - started
      await ctx.replayBodies.keep(id, async () => {
        // With nothing stored the phases run to the time of the request: not reusable.
        if (docs.every((doc) => heads[doc] === 0)) return sendEncoded(request, reply, body)
        const { key, replaced } = histories.remember(view, session, heads, docs, cameras, cost)
        if (replaced) forgetEncodings(encoded, replaced)
        return sendEncoded(request, reply, body, { cache: encoded, key, keepPlain: true })
      })
      return true
    })
    return reply
  })

  app.get('/api/sessions/:id/state', replayRead(StateQuery, bytes), async (request, reply) => {
    const { id, doc, at } = { ...request.params, ...request.query }
    docReader(request, doc)
    const update = await ctx.readGate.run(() => stateAt(ctx.storage, ctx.docWorkers, id, doc, Number(at)))
    return reply
      .header('cache-control', 'private, no-cache')
      .type('application/octet-stream')
      .send(octets(update))
  })

  /**
   * The board as the log leaves it, as records (BoardAtEnd): the replay opens on it, painted before
   * its log worker has started. The board at a given update never changes (the log is
   * append-only): each is built once, on a document worker, and kept compressed by its seq.
   */
  app.get(
    '/api/sessions/:id/board',
    { schema: { params: SessionParams, response: history }, preHandler: replayer, ...budget },
    async (request, reply) => {
      const id = request.params.id
      docReader(request, 'board')
      reply.header('cache-control', 'private, no-cache').type('application/json; charset=utf-8')
      const keyOf = (seq: number) => `${id}/board/end/${seq}`
      const head = await ctx.storage.lastSeq(id, 'board')
      const fromCache = (key: string) => sendFromCache(request, reply, encoded, key, 'private, no-cache')
      const tooLarge = (bytes: number) =>
        new HttpError(
          413,
          `the board is too large to send whole (${bytes} bytes as JSON, over ${ctx.replayBodies.maxBoardBytes}): the replay reads it from its log`,
        )
      const cached = async () => {
        // The board now, or one built lately for what a build costs (the page uses it only if its
        // seq is the history's last, and otherwise waits for the log as it would anyway).
        const end = ctx.replayBodies.latestBoard(id, keyOf(head))
        if (end && ctx.replayBodies.tooLarge(end.bytes)) throw tooLarge(end.bytes)
        if (await fromCache(keyOf(head))) return true
        return (end !== undefined && (await fromCache(end.key))) || null
      }
      // Many asking at once for a board nobody has built yet: one build, the others wait for it.
      await ctx.replayBodies.builds.run(`${id}/board/end`, cached, async () => {
        let started = 0
        const { seq, body } = await ctx.readGate.run(async () => {
          started = performance.now() // the build's own cost, not its wait for the gate
          const stored = await ctx.storage.loadDoc(id, 'board')
          // An update appended since the head was read is in the body: kept under its own seq.
          const seq = stored.tail.at(-1)?.seq ?? stored.snapshot?.seq ?? 0
          const board = storedParts(stored)
          return { seq, body: await ctx.docWorkers.run({ type: 'boardAtEnd', board, seq }) }
        })
        const key = keyOf(seq)
        const bytes = Buffer.byteLength(body)
        await ctx.replayBodies.keep(id, async () => {
          if (ctx.replayBodies.tooLarge(bytes)) {
            ctx.replayBodies.rememberBoard(id, { key, bytes, cost: performance.now() - started })
            throw tooLarge(bytes)
          }
          await sendEncoded(request, reply, body, { cache: encoded, key, keepPlain: true })
          // Timed with its first compression: the cost a reader made the server pay.
          ctx.replayBodies.rememberBoard(id, { key, bytes, cost: performance.now() - started })
        })
        return true
      })
      return reply
    },
  )

  /**
   * The stretch of the log holding update `seq` (see Storage.Segment and shared/segment.ts): the
   * replay page rebuilds every instant of it locally, so scrubbing inside it costs no requests.
   * `snapshot=0` leaves out the opening snapshot for a client that already holds that state.
   */
  app.get('/api/sessions/:id/segment', replayRead(SegmentQuery, bytes), async (request, reply) => {
    const { id, doc, seq } = { ...request.params, ...request.query }
    docReader(request, doc)
    const omit = request.query.snapshot === '0'
    // The role may read the doc (checked above) and a closed segment is the same for everyone.
    const key = `${id}/${doc}/${seq}/${omit ? 0 : 1}`
    const immutable = 'private, max-age=31536000, immutable'
    const hit = sendIfCached(request, reply.type('application/octet-stream'), encoded, key, immutable)
    if (hit) return hit
    const { segment, body } = await ctx.readGate.run(async () => {
      const segment = await ctx.storage.loadSegment(id, doc, Number(seq))
      const snapshot = segment.snapshot
      const body = encodeSegment(
        {
          snapshot: {
            seq: snapshot?.seq ?? 0,
            at: snapshot?.at ?? 0,
            size: snapshot?.data.byteLength ?? 0,
          },
          snapshotOmitted: omit,
          closedBy: segment.closedBy,
          updates: segment.tail.map((u) => ({ seq: u.seq, at: u.at, size: u.data.byteLength })),
        },
        omit ? null : (snapshot?.data ?? null),
        segment.tail.map((u) => u.data),
      )
      return { segment, body }
    })
    // A closed segment never changes (the log is append-only): compressed once, cached for good.
    if (segment.closedBy !== null)
      return sendEncoded(request, reply.header('cache-control', immutable), body, { cache: encoded, key })
    return sendEncoded(request, reply.header('cache-control', 'private, no-cache'), body)
  })

  /**
   * The stretch of the board's log holding update `seq` as the replay page draws it (BuiltSegment
   * in shared/docs/segmentBuilder.ts): each update's records put and removed, as JSON, and its
   * notes edit, after the board it opens with (left out with `keyframe=0`, for a page continuing
   * the segment before). Built on a document worker, once per segment and form, then kept
   * compressed: a closed segment for good, the live end until the log grows.
   */
  app.get('/api/sessions/:id/steps', replayRead(StepsQuery, history), async (request, reply) => {
    const { id } = request.params
    docReader(request, 'board')
    const form = request.query.keyframe === '0' ? 0 : 1
    const seq = Number(request.query.seq)
    const immutable = 'private, max-age=31536000, immutable'
    reply.type('application/json; charset=utf-8')
    // A closed segment is kept under its first update's seq: what a page reading on asks for.
    const closedKey = (first: number) => `${id}/steps/${first}/${form}`
    const maxBytes = ctx.replayBodies.maxBoardBytes
    const tooLarge = (bytes: number) =>
      new HttpError(
        413,
        `this stretch of the board's log is too large to replay (its steps reach ${bytes} bytes as JSON, over ${maxBytes})`,
      )
    // Refused or kept already, in the client's encoding (or compressed from the plain body, if a
    // client took that): no build.
    const fromCache = async (key: string, cacheControl: string) => {
      const refused = ctx.replayBodies.refusedAt(key)
      if (refused !== undefined) throw tooLarge(refused)
      return (await sendFromCache(request, reply, encoded, key, cacheControl)) || null
    }
    if (await fromCache(closedKey(seq), immutable)) return reply
    // Which segment, from the log's keys: its updates are read only to build it.
    const bounds = await ctx.storage.segmentBounds(id, 'board', seq)
    const first = bounds.from + 1
    const live = bounds.closedBy === null
    // The live end is kept until something is stored after it: readers of a session being
    // edited cost one build per update stored, not one per request.
    const { last } = bounds
    const key = live ? `${id}/steps/live/${first}-${last}/${form}` : closedKey(first)
    const cacheControl = live ? 'private, no-cache' : immutable
    // Many opening one session at once (a coach showing a recording), or seeking into one
    // segment: one build per segment and form.
    await ctx.replayBodies.builds.run(
      key,
      () => fromCache(key, cacheControl),
      async () => {
        const built = await ctx.readGate.run(async () => {
          const segment = await ctx.storage.loadSegment(id, 'board', seq)
          return ctx.docWorkers.run({
            type: 'steps',
            opening: { seq: segment.snapshot?.seq ?? 0, data: segment.snapshot?.data ?? null },
            updates: segment.tail,
            closedBy: segment.closedBy,
            keyframe: form === 1,
            maxBytes,
          })
        })
        // The live end's earlier bodies will not be asked for again.
        if (live) encoded.forget(`${id}/steps/live/`, `${id}/steps/live/${first}-${last}/`)
        if ('tooLarge' in built) {
          ctx.replayBodies.refuseSteps(key, built.tooLarge)
          throw tooLarge(built.tooLarge)
        }
        await ctx.replayBodies.keep(id, () =>
          // Not kept as it is as well: plain steps are ~15 times their compressed size, and
          // another encoding costs one more build, once.
          sendEncoded(request, reply.header('cache-control', cacheControl), built.json, {
            cache: encoded,
            key,
          }),
        )
        return true
      },
    )
    return reply
  })

  /** The interviewer lets observers (anyone holding the observer link) open the replay and report, or stops. */
  app.put(
    '/api/sessions/:id/share-replay',
    {
      schema: { params: SessionParams, body: ShareBody, response: { 200: ShareBody, ...errorResponses } },
      preHandler: sessionAccess(ctx, (role) => accessFor('private', role) === 'write'),
    },
    async (request) => {
      await ctx.storage.updateSession(request.params.id, { replayShared: request.body.shared })
      return { shared: request.body.shared }
    },
  )

  /** The interviewer (the private panel's owner) shares or unshares the rubric and bookmarks. */
  app.put(
    '/api/sessions/:id/share',
    {
      schema: { params: SessionParams, body: ShareBody, response: { 200: ShareBody, ...errorResponses } },
      preHandler: sessionAccess(ctx, (role) => accessFor('private', role) === 'write'),
    },
    async (request) => {
      await ctx.storage.updateSession(request.params.id, { reportShared: request.body.shared })
      return { shared: request.body.shared }
    },
  )
}
