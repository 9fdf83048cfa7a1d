import type { Logger } from 'pino'

import type { Config } from './config.js'
import type { Fanout } from './fanout/Fanout.js'
import type { Metrics } from './metrics.js'
import type { DocWorkerPool } from './replay/DocWorkerPool.js'
import type { ReplayBodies } from './replay/ReplayBodies.js'
import type { ReadGate } from './routes/ReadGate.js'
import type { DataBudget } from './storage/DataBudget.js'
import type { Storage } from './storage/Storage.js'
import type { StorageHealth } from './storage/StorageHealth.js'
import type { Admission } from './sync/Admission.js'
import type { RoomRegistry } from './sync/RoomRegistry.js'
import type { SessionLifecycle } from './sync/SessionLifecycle.js'
import type { TokenSigner } from './tokens.js'
import type { SummaryKeeper } from './workspace/SummaryKeeper.js'

/** What every route needs, built once by buildApp and passed in (no module-level state). */
export interface AppContext {
  config: Config
  storage: Storage
  /** Outcome of the last storage write, for /healthz. */
  storageHealth: StorageHealth
  /** Bytes stored against MOCKBOARD_MAX_DATA_BYTES: new sessions and images are refused past it. */
  dataBudget: DataBudget
  /** Bounds replay and report reads in progress at once. */
  readGate: ReadGate
  /** Runs those reads' Yjs work on worker threads. */
  docWorkers: DocWorkerPool
  /** The SQLite file of record, which document workers read themselves; null with PostgreSQL or injected storage. */
  sqliteFile: string | null
  signer: TokenSigner
  registry: RoomRegistry
  /** Turns a sync socket into a peer of a room (routes/sync.ts hands sockets to it). */
  admission: Admission
  /** Whether a session has ended, as this instance knows it. */
  lifecycle: SessionLifecycle
  metrics: Metrics
  logger: Logger
  /** Keeps workspace sessions' summary rows in step with their timer and rubric. */
  summaries: SummaryKeeper
  /** Present when several instances share storage (Redis pub/sub). */
  fanout: Fanout | null
  /** Compressed replay bodies kept between requests, per session. */
  replayBodies: ReplayBodies
}
