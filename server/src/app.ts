import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import { join } from 'node:path'

import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import pino, { type Logger } from 'pino'

import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { HttpError } from './errors.js'
import { createRedisFanout } from './fanout/redis.js'
import { createMetrics } from './metrics.js'
import { parseJsonBody } from './parseJsonBody.js'
import { DocWorkerPool } from './replay/DocWorkerPool.js'
import { ReplayBodies } from './replay/ReplayBodies.js'
import { assetRoutes } from './routes/assets.js'
import { clientRoutes } from './routes/client.js'
import { healthRoutes } from './routes/health.js'
import { iceRoutes } from './routes/ice.js'
import { nextRoundRoutes } from './routes/nextRound.js'
import { ReadGate } from './routes/ReadGate.js'
import { recordingAudioRoute } from './routes/recordingAudio.js'
import { recordingRoutes } from './routes/recordings.js'
import { replayRoutes } from './routes/replay.js'
import { reportRoutes } from './routes/report.js'
import { reviewRoutes } from './routes/review.js'
import { sessionAdminRoutes } from './routes/sessionAdmin.js'
import { sessionRoutes } from './routes/sessions.js'
import { syncRoutes } from './routes/sync.js'
import { workspaceRoutes } from './routes/workspaces.js'
import { securityHeaders } from './security.js'
import { countWrites } from './storage/countWrites.js'
import { createDataBudget } from './storage/DataBudget.js'
import { DeletedSessions } from './storage/DeletedSessions.js'
import { createPostgresStorage } from './storage/postgres.js'
import { refuseDeleted } from './storage/refuseDeleted.js'
import { createSqliteStorage } from './storage/sqlite.js'
import type { Storage } from './storage/Storage.js'
import { StorageHealth } from './storage/StorageHealth.js'
import { trackWrites } from './storage/trackWrites.js'
import { Admission } from './sync/Admission.js'
import { RoomRegistry } from './sync/RoomRegistry.js'
import { SessionLifecycle } from './sync/SessionLifecycle.js'
import { loadSecret, TokenSigner } from './tokens.js'
import { formatValidationErrors } from './validation.js'
import { listenForDeletions } from './workspace/deletionFanout.js'
import { listenForRevocations } from './workspace/keyRevocation.js'
import { RetentionSweeper } from './workspace/RetentionSweeper.js'
import { SummaryKeeper } from './workspace/SummaryKeeper.js'

export interface AppDeps {
  /** Defaults to PostgreSQL at `config.databaseUrl`, else SQLite in `config.dataDir`. */
  storage?: Storage
  logger?: Logger
}

export interface App {
  fastify: FastifyInstance
  context: AppContext
  /** Stops accepting, closes sockets with 1001, flushes storage, closes it. */
  close(): Promise<void>
}

/** A burst of rubric clicks or timer actions rebuilds a workspace summary once, this long after the last. */
const SUMMARY_DELAY_MS = 1_000

/** Tokens never reach the logs: they ride in query strings and Authorization headers. */
const REDACT = ['req.headers.authorization', 'req.query.token', '*.token']

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]'),
      }),
    },
  })
}

/** Builds a complete server; no module-level state, so tests build many in one process. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel)
  const storageHealth = new StorageHealth()
  const metrics = createMetrics()
  const sqliteFile = deps.storage || config.databaseUrl ? null : join(config.dataDir, 'mockboard.db')
  const store =
    deps.storage ??
    (sqliteFile
      ? createSqliteStorage(sqliteFile, { logger, health: storageHealth })
      : await createPostgresStorage(config.databaseUrl!))
  const dataBudget = await createDataBudget(store, config.maxDataBytes, {
    dataDir: config.databaseUrl || deps.storage ? null : config.dataDir,
    setUsed: (bytes) => metrics.dataBytes.set(bytes),
    setMax: (bytes) => metrics.dataMaxBytes.set(bytes),
    logger,
  })
  // Writes naming a session being deleted are refused outermost, so a deletion waits for every layer.
  const deleted = new DeletedSessions()
  const storage = refuseDeleted(countWrites(trackWrites(store, storageHealth), dataBudget), deleted)
  const signer = new TokenSigner(loadSecret(config.secret, config.dataDir))
  const fanout = config.redisUrl ? await createRedisFanout(config.redisUrl, logger) : null
  const instanceId = randomUUID()
  const lifecycle = new SessionLifecycle({ storage, logger, fanout })
  await lifecycle.start()
  const docWorkers = new DocWorkerPool(config.http.readWorkers, logger)
  const readGate = new ReadGate(config.http.concurrentReads, config.http.concurrentReads * 16)
  const summaries = new SummaryKeeper({
    storage,
    workers: docWorkers,
    readGate,
    logger,
    delayMs: SUMMARY_DELAY_MS,
  })
  const registry = new RoomRegistry({
    storage,
    deleted,
    metrics,
    logger,
    limits: config.limits,
    snapshotEvery: config.snapshotEvery,
    pingIntervalMs: config.pingIntervalMs,
    lifecycle,
    fanout: fanout ? { bus: fanout, instanceId } : undefined,
    onTimerOrRubricChange: (sessionId) => summaries.changed(sessionId),
    signalling: config.voice,
  })
  const admission = new Admission({
    registry,
    lifecycle,
    signer,
    storage,
    limits: config.limits,
    metrics,
    logger,
  })
  const context: AppContext = {
    config,
    storage,
    storageHealth,
    dataBudget,
    readGate,
    docWorkers,
    sqliteFile,
    signer,
    registry,
    admission,
    lifecycle,
    metrics,
    logger,
    summaries,
    fanout,
    replayBodies: new ReplayBodies(storage, config.http.replayCacheBytes),
  }
  if (fanout) {
    await listenForDeletions(fanout, context)
    await listenForRevocations(fanout, registry)
  }
  const retention = config.retentionDays === null ? null : new RetentionSweeper(context, config.retentionDays)

  // Typed as Fastify's logger so the instance's type (passed to every route plugin) does not carry pino's.
  const fastifyLogger: FastifyBaseLogger = logger
  const fastify = Fastify({
    loggerInstance: fastifyLogger,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    schemaErrorFormatter: formatValidationErrors,
    bodyLimit: 64 * 1024,
    trustProxy: fastifyTrustProxy(config.http.trustProxy),
    // Slow-loris: a socket trickling headers or a body is closed, not held open for minutes.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default), which would stretch a short one.
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(config.http.headersTimeoutMs / 4)),
      ),
    },
  })
  fastify.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = err instanceof HttpError ? err.statusCode : (err.statusCode ?? 500)
    if (err instanceof HttpError) reply.headers(err.headers)
    if (status >= 500 && !(err instanceof HttpError)) {
      request.log.error({ err }, 'request failed')
      return reply
        .code(status)
        .send({ statusCode: status, error: 'Internal Server Error', message: 'internal error' })
    }
    return reply
      .code(status)
      .send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: err.message })
  })
  fastify.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `no route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  )
  await securityHeaders(fastify)
  // Replaces Fastify's JSON parser to name a forbidden key (see parseJsonBody); the body limit stays.
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
  // Limits are set per route (config.rateLimit, see routes/perAddress.ts); keyed by request.ip,
  // which is the client's address behind a proxy only when trustProxy says so.
  await fastify.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, `too many requests from this address: retry in ${context.after}`),
  })
  // ws refuses frames past maxPayload itself; the smaller limit for frames other than a
  // connection's first sync step 2 is enforced per message by the sync core (Peer.admit).
  const maxPayload = Math.max(config.limits.maxMessageBytes, config.limits.maxFirstSyncBytes)
  await fastify.register(websocket, {
    options: { maxPayload },
    // Socket errors are the client's doing (an oversized frame, a torn connection): the sync route
    // logs them at the right level; the default handler logged each as an error with a stack.
    errorHandler: (err: Error & { code?: string }, socket, request) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return
      request.log.debug({ err }, 'socket error')
      socket.terminate()
    },
  })
  // Filled in by the sessionAccess hook of the routes that take a session token.
  fastify.decorateRequest('access', null)
  // One encapsulated plugin per route group; each gets the context it needs as its options.
  await fastify.register(sessionRoutes, { ctx: context })
  await fastify.register(sessionAdminRoutes, { ctx: context })
  await fastify.register(workspaceRoutes, { ctx: context })
  await fastify.register(nextRoundRoutes, { ctx: context })
  syncRoutes(fastify, context)
  await fastify.register(replayRoutes, { ctx: context })
  await fastify.register(reportRoutes, { ctx: context })
  await fastify.register(reviewRoutes, { ctx: context })
  await fastify.register(healthRoutes, { ctx: context })
  await fastify.register(assetRoutes, { ctx: context })
  await fastify.register(iceRoutes, { ctx: context })
  await fastify.register(recordingRoutes, { ctx: context })
  await fastify.register(recordingAudioRoute, { ctx: context })
  await fastify.register(clientRoutes, { ctx: context })

  let closing: Promise<void> | null = null
  return {
    fastify,
    context,
    close: () =>
      (closing ??= (async () => {
        await retention?.stop()
        await registry.shutdown()
        await fastify.close()
        await summaries.close()
        await docWorkers.close()
        await fanout?.close()
        await storage.close()
      })()),
  }
}

/** A hop count means "the client is that many proxies out" (Fastify's types only take a function for it). */
function fastifyTrustProxy(
  value: Config['http']['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value
}
