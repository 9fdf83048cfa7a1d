/** The only place that reads the environment: parsed and validated once at start. */

import { type IceServer, parseIceServers, parseTurnUrls } from './parseIceConfig.js'

export interface Limits {
  /** Largest WebSocket frame accepted; larger frames close with 1009. */
  maxMessageBytes: number
  /** Sustained messages per second per connection (bursts up to 2×). */
  messagesPerSecond: number
  /** Sustained bytes per second per connection (bursts up to 2×). */
  bytesPerSecond: number
  maxSocketsPerSession: number
  /** Sync sockets of the whole server; past it a socket is closed 4503 serverFull. */
  maxSockets: number
  /** Sync sockets one client address may hold (request.ip, see trustProxy); past it the upgrade gets 429. */
  maxSocketsPerAddress: number
  /** Documents loaded at once; a socket that would load one more is closed 4503 serverFull. */
  maxRooms: number
  /** A socket whose unsent bytes pass this is closed 4408 slowConsumer. */
  maxBufferedBytes: number
  /** Unsent bytes summed over every socket; past it the sockets holding most close 4408 slowConsumer. */
  maxBufferedTotal: number
  /**
   * Bytes of frames still arriving, summed over every socket; past it a socket holding a frame larger
   * than maxMessageBytes (a first sync step 2) is dropped, 4503 serverFull.
   */
  maxInboundTotal: number
  /** Bytes of updates one document may store; a write past it is refused, 4413 docFull. */
  maxDocBytes: number
  /** The first update frame of a connection (an offline backlog) may be this large. */
  maxFirstSyncBytes: number
  /** Bytes of not-yet-integrable updates (missing dependencies) a document may hold; past it 4400. */
  maxPendingBytes: number
  /**
   * Work in one update: structs + deleted ranges + JSON values (see sync/updateCost.ts), counted
   * before it is decoded; past it 4400. The first sync step 2 of a connection included.
   */
  maxUpdateStructs: number
  /** The same work per connection per second, sustained (bursts up to maxUpdateStructs); past it 4429. */
  structsPerSecond: number
  /** How deep an update may nest Yjs types (a Y.Map in a Y.Array in …); deeper, 4400. Our own docs nest none. */
  maxTypeDepth: number
  /** How deep board shapes may nest (a shape in a frame in a frame …); deeper, or in a cycle, 4400. */
  maxShapeDepth: number
  /** Camera samples (presence cameras, see CameraRecorder) one session may store; later ones are dropped. */
  maxCameraRows: number
  /** Awareness client ids one connection may introduce. */
  maxAwarenessIds: number
  /** Bytes of one awareness state (JSON). */
  maxAwarenessStateBytes: number
}

/** HTTP-side limits: what one address may ask of the server, and how long a request may take. */
export interface HttpLimits {
  /** `POST /api/sessions` per client address per minute; 0 turns the limit off. */
  createPerMinute: number
  /** Replay and report reads (history, state, segment, report) per client address per minute; 0 = off. */
  readsPerMinute: number
  /** Replay/report reads running at once in this process (16× as many may wait; more get 503). */
  concurrentReads: number
  /** Worker threads that build documents for those reads (Yjs merges and reports), off the event loop. */
  readWorkers: number
  /** Bytes of compressed closed replay segments kept in memory (each compressed once); 0 = off. */
  replayCacheBytes: number
  /**
   * Fastify `trustProxy`: false (default: the socket's peer is the client), true (trust every
   * X-Forwarded-For hop), a hop count, or a list of proxy addresses / CIDR ranges.
   */
  trustProxy: boolean | number | string[]
  /** Time to receive a request's headers (Node `headersTimeout`); slower sockets are closed. */
  headersTimeoutMs: number
  /** Time to receive a whole request, body included (Node `requestTimeout`). */
  requestTimeoutMs: number
  /** An HTTP socket idle this long is closed (Fastify `connectionTimeout`); upgraded WebSockets are not affected. */
  idleTimeoutMs: number
}

/** Image assets dropped on a board (see routes/assets.ts). */
export interface AssetLimits {
  /** Largest single upload; larger bodies get 413. */
  maxAssetBytes: number
  /** Total stored per session; an upload past it gets 413. */
  maxSessionAssetBytes: number
}

/** Live audio and its recordings (see sync/Signalling.ts, routes/ice.ts, routes/recordings.ts). */
export interface VoiceConfig {
  /** Largest audio signal (an SDP offer is a few kB); larger closes the control socket with 4422. */
  maxSignalBytes: number
  /** Signals per connection per second, sustained (bursts up to 5×); past it 4429. */
  signalsPerSecond: number
  /** `RTCIceServer`s handed to session members as they are (STUN, or TURN with fixed credentials). */
  iceServers: IceServer[]
  /** coturn `static-auth-secret`: with turnUrls, session members get short-lived TURN credentials. */
  turnSecret: string | null
  turnUrls: string[]
  /** How long handed-out TURN credentials stay valid. */
  turnTtlSeconds: number
  /** Recorded audio one session may store, every participant together; a chunk past it gets 413. */
  maxAudioBytes: number
  /** Takes one session may hold (each agreement starts one); the next gets 413. */
  maxRecordings: number
  /** Largest single recording chunk; larger gets 413. */
  maxAudioChunkBytes: number
}

export interface Config {
  port: number
  host: string
  dataDir: string
  /** HMAC secret for invite tokens; null means "generate once into dataDir". */
  secret: string | null
  /** When set, POST /api/sessions needs `Authorization: Bearer <createKey>`. */
  createKey: string | null
  logLevel: string
  tokenTtlDays: number
  /** Persist a snapshot after this many updates to a document. */
  snapshotEvery: number
  pingIntervalMs: number
  limits: Limits
  http: HttpLimits
  assets: AssetLimits
  voice: VoiceConfig
  /**
   * Bytes the store of record may hold, the whole server together (0: no cap). Past it, new
   * sessions and image uploads get 507; live sessions keep writing up to their own caps.
   */
  maxDataBytes: number
  /** Sessions created longer ago than this many days are deleted in the background; null keeps them. */
  retentionDays: number | null
  /** When set, `GET /metrics` needs `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | null
  /** Directory of the built client; null disables static serving. */
  clientDist: string | null
  tldrawLicenseKey: string | null
  /** postgres://… to share storage between instances; null keeps SQLite in dataDir. */
  databaseUrl: string | null
  /** redis://… to fan updates out between instances; requires databaseUrl. */
  redisUrl: string | null
}

export class ConfigError extends Error {}

const MiB = 1024 * 1024

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function int(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`)
  }
  return value
}

/** `MOCKBOARD_TRUST_PROXY`: unset/false, true, a hop count, or comma-separated addresses/CIDRs. */
function trustProxy(env: Record<string, string | undefined>): HttpLimits['trustProxy'] {
  const raw = str(env, 'MOCKBOARD_TRUST_PROXY')
  if (raw === null || raw === 'false') return false
  if (raw === 'true') return true
  if (/^[0-9]+$/.test(raw)) return Number(raw)
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const named = ['loopback', 'linklocal', 'uniquelocal']
  if (list.some((part) => !/^[0-9a-fA-F:.]+(\/[0-9]{1,3})?$/.test(part) && !named.includes(part))) {
    throw new ConfigError(
      `MOCKBOARD_TRUST_PROXY must be true, false, a hop count or addresses/CIDRs (got "${raw}")`,
    )
  }
  return list
}

function iceServers(env: Record<string, string | undefined>): IceServer[] {
  const raw = str(env, 'MOCKBOARD_ICE_SERVERS')
  try {
    return raw === null ? [] : parseIceServers(raw)
  } catch (err) {
    throw new ConfigError(
      `MOCKBOARD_ICE_SERVERS must be a JSON array of {urls, username?, credential?}: ${String(err)}`,
    )
  }
}

function turnUrls(env: Record<string, string | undefined>): string[] {
  const raw = str(env, 'MOCKBOARD_TURN_URLS')
  const list = raw === null ? [] : parseTurnUrls(raw)
  if (!list)
    throw new ConfigError(`MOCKBOARD_TURN_URLS must be comma-separated turn: or turns: URLs (got "${raw}")`)
  return list
}

function str(env: Record<string, string | undefined>, name: string): string | null {
  const raw = env[name]
  return raw === undefined || raw.trim() === '' ? null : raw.trim()
}

/** What a caller (a test, a benchmark) may override; nested groups merge field by field. */
export type ConfigOverrides = Omit<Partial<Config>, 'limits' | 'http' | 'assets' | 'voice'> & {
  limits?: Partial<Limits>
  voice?: Partial<VoiceConfig>
  http?: Partial<HttpLimits>
  assets?: Partial<AssetLimits>
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const logLevel = str(env, 'LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`)
  const secret = str(env, 'MOCKBOARD_SECRET')
  if (secret !== null && secret.length < 32)
    throw new ConfigError('MOCKBOARD_SECRET must be at least 32 characters')
  const config: Config = {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    dataDir: str(env, 'MOCKBOARD_DATA') ?? './data',
    secret,
    createKey: str(env, 'MOCKBOARD_CREATE_KEY'),
    logLevel,
    tokenTtlDays: int(env, 'MOCKBOARD_TOKEN_TTL_DAYS', 365, 1, 3650),
    snapshotEvery: int(env, 'MOCKBOARD_SNAPSHOT_EVERY', 500, 10, 1_000_000),
    pingIntervalMs: int(env, 'MOCKBOARD_PING_MS', 30_000, 100, 600_000),
    limits: {
      maxMessageBytes: int(env, 'MOCKBOARD_MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      messagesPerSecond: int(env, 'MOCKBOARD_MAX_MESSAGES_PER_SECOND', 300, 1, 100_000),
      bytesPerSecond: int(env, 'MOCKBOARD_MAX_BYTES_PER_SECOND', 2 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxSocketsPerSession: int(env, 'MOCKBOARD_MAX_SOCKETS_PER_SESSION', 50, 1, 10_000),
      maxSockets: int(env, 'MOCKBOARD_MAX_SOCKETS', 5000, 1, 1_000_000),
      maxSocketsPerAddress: int(env, 'MOCKBOARD_MAX_SOCKETS_PER_ADDRESS', 64, 1, 1_000_000),
      maxRooms: int(env, 'MOCKBOARD_MAX_ROOMS', 10_000, 1, 1_000_000),
      maxBufferedBytes: int(env, 'MOCKBOARD_MAX_BUFFERED_BYTES', 8 * MiB, 64 * 1024, 1024 * MiB),
      maxBufferedTotal: int(env, 'MOCKBOARD_MAX_BUFFERED_TOTAL', 256 * MiB, 64 * 1024, 64 * 1024 * MiB),
      maxInboundTotal: int(env, 'MOCKBOARD_MAX_INBOUND_TOTAL', 128 * MiB, MiB, 64 * 1024 * MiB),
      maxDocBytes: int(env, 'MOCKBOARD_MAX_DOC_BYTES', 64 * MiB, 64 * 1024, 16 * 1024 * MiB),
      maxFirstSyncBytes: int(env, 'MOCKBOARD_MAX_FIRST_SYNC_BYTES', 16 * MiB, 1024, 1024 * MiB),
      maxPendingBytes: int(env, 'MOCKBOARD_MAX_PENDING_BYTES', 64 * 1024, 0, 64 * MiB),
      maxUpdateStructs: int(env, 'MOCKBOARD_MAX_UPDATE_STRUCTS', 20_000, 100, 100_000_000),
      maxTypeDepth: int(env, 'MOCKBOARD_MAX_TYPE_DEPTH', 64, 1, 1_000_000),
      maxShapeDepth: int(env, 'MOCKBOARD_MAX_SHAPE_DEPTH', 32, 1, 1_000),
      structsPerSecond: int(env, 'MOCKBOARD_MAX_STRUCTS_PER_SECOND', 20_000, 10, 100_000_000),
      maxCameraRows: int(env, 'MOCKBOARD_MAX_CAMERA_ROWS', 43_200, 0, 100_000_000),
      maxAwarenessIds: int(env, 'MOCKBOARD_MAX_AWARENESS_IDS', 4, 1, 100),
      maxAwarenessStateBytes: int(env, 'MOCKBOARD_MAX_AWARENESS_STATE_BYTES', 16 * 1024, 256, MiB),
    },
    http: {
      createPerMinute: int(env, 'MOCKBOARD_CREATE_PER_MINUTE', 30, 0, 1_000_000),
      readsPerMinute: int(env, 'MOCKBOARD_READS_PER_MINUTE', 600, 0, 1_000_000),
      concurrentReads: int(env, 'MOCKBOARD_CONCURRENT_READS', 4, 1, 1_000),
      readWorkers: int(env, 'MOCKBOARD_READ_WORKERS', 1, 1, 64),
      replayCacheBytes: int(env, 'MOCKBOARD_REPLAY_CACHE_BYTES', 64 * MiB, 0, 64 * 1024 * MiB),
      trustProxy: trustProxy(env),
      headersTimeoutMs: int(env, 'MOCKBOARD_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      requestTimeoutMs: int(env, 'MOCKBOARD_REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000),
      idleTimeoutMs: int(env, 'MOCKBOARD_IDLE_TIMEOUT_MS', 120_000, 100, 3_600_000),
    },
    assets: {
      maxAssetBytes: int(env, 'MOCKBOARD_MAX_ASSET_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxSessionAssetBytes: int(
        env,
        'MOCKBOARD_MAX_SESSION_ASSET_BYTES',
        100 * 1024 * 1024,
        1024,
        64 * 1024 * 1024 * 1024,
      ),
    },
    voice: {
      maxSignalBytes: int(env, 'MOCKBOARD_MAX_SIGNAL_BYTES', 16 * 1024, 1024, MiB),
      signalsPerSecond: int(env, 'MOCKBOARD_MAX_SIGNALS_PER_SECOND', 20, 1, 10_000),
      iceServers: iceServers(env),
      turnSecret: str(env, 'MOCKBOARD_TURN_SECRET'),
      turnUrls: turnUrls(env),
      turnTtlSeconds: int(env, 'MOCKBOARD_TURN_TTL_SECONDS', 12 * 3600, 60, 7 * 24 * 3600),
      maxAudioBytes: int(env, 'MOCKBOARD_MAX_AUDIO_BYTES', 200 * MiB, 0, 2 ** 40),
      maxAudioChunkBytes: int(env, 'MOCKBOARD_MAX_AUDIO_CHUNK_BYTES', MiB, 1024, 64 * MiB),
      maxRecordings: int(env, 'MOCKBOARD_MAX_RECORDINGS', 100, 1, 100_000),
    },
    maxDataBytes: int(env, 'MOCKBOARD_MAX_DATA_BYTES', 20 * 1024 * MiB, 0, 2 ** 50),
    retentionDays:
      str(env, 'MOCKBOARD_RETENTION_DAYS') === null
        ? null
        : int(env, 'MOCKBOARD_RETENTION_DAYS', 0, 1, 36_500),
    metricsToken: str(env, 'MOCKBOARD_METRICS_TOKEN'),
    clientDist: str(env, 'MOCKBOARD_CLIENT_DIST'),
    tldrawLicenseKey: str(env, 'TLDRAW_LICENSE_KEY'),
    databaseUrl: str(env, 'DATABASE_URL'),
    redisUrl: str(env, 'REDIS_URL'),
  }
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl))
    throw new ConfigError('DATABASE_URL must be a postgres:// URL')
  if (config.redisUrl && !/^rediss?:\/\//.test(config.redisUrl))
    throw new ConfigError('REDIS_URL must be a redis:// URL')
  if (config.redisUrl && !config.databaseUrl) {
    throw new ConfigError('REDIS_URL needs DATABASE_URL: instances that fan out updates must share one store')
  }
  if ((config.voice.turnSecret === null) !== (config.voice.turnUrls.length === 0)) {
    throw new ConfigError('MOCKBOARD_TURN_SECRET and MOCKBOARD_TURN_URLS go together: set both or neither')
  }
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    throw new ConfigError('MOCKBOARD_HEADERS_TIMEOUT_MS must not exceed MOCKBOARD_REQUEST_TIMEOUT_MS')
  }
  return {
    ...config,
    ...overrides,
    limits: { ...config.limits, ...overrides.limits },
    http: { ...config.http, ...overrides.http },
    assets: { ...config.assets, ...overrides.assets },
    voice: { ...config.voice, ...overrides.voice },
  }
}
