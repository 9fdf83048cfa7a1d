import { statfsSync } from 'node:fs'

import type { Logger } from 'pino'

import type { Storage } from './Storage.js'

/** How often the running total is re-measured from the store (other instances' writes, overheads). */
const MEASURE_EVERY_MS = 60_000

/**
 * Bytes the store of record holds against `MOCKBOARD_MAX_DATA_BYTES`: measured once at start,
 * counted on every write (`countWrites`), and re-measured from the store at most once a minute
 * when asked, in the background. So a check costs nothing, and drift (indexes, page slack, another
 * instance's writes) is corrected within a minute.
 */
export class DataBudget {
  private measuredAt = Date.now()
  private measuring: Promise<void> | null = null

  constructor(
    private used: number,
    /** 0: no cap. */
    readonly maxBytes: number,
    private readonly measure: () => Promise<number>,
    private readonly onChange: (usedBytes: number) => void = () => {},
    private readonly onMeasureError: (err: unknown) => void = () => {},
  ) {
    onChange(used)
  }

  get usedBytes(): number {
    return this.used
  }

  /** Past the cap: nothing new (sessions, images) may be stored. */
  get full(): boolean {
    return !this.admits(0)
  }

  /** Whether `bytes` more may be stored without passing the cap. */
  admits(bytes: number): boolean {
    this.refresh()
    return this.maxBytes === 0 || this.used + bytes <= this.maxBytes
  }

  /** Bytes a write just stored. */
  add(bytes: number): void {
    this.used += bytes
    this.onChange(this.used)
  }

  private refresh(): void {
    if (this.measuring || Date.now() - this.measuredAt < MEASURE_EVERY_MS) return
    this.measuring = this.measure()
      .then((bytes) => {
        this.used = bytes
        this.onChange(bytes)
      }, this.onMeasureError)
      .finally(() => {
        this.measuredAt = Date.now()
        this.measuring = null
      })
  }
}

/** Where a budget's figures go: the metric gauges, and the log for what cannot be measured. */
export interface DataBudgetWiring {
  /** The data folder, whose disk is checked at start (SQLite only: null for PostgreSQL). */
  dataDir: string | null
  setUsed(bytes: number): void
  setMax(bytes: number): void
  logger: Pick<Logger, 'warn'>
}

/**
 * Measures the store and starts its budget. With SQLite, warns at start when the data folder's
 * disk has less free space than the budget leaves: the cap would not save the disk then.
 */
export async function createDataBudget(
  storage: Pick<Storage, 'usedBytes'>,
  maxBytes: number,
  wiring: DataBudgetWiring,
): Promise<DataBudget> {
  const used = await storage.usedBytes()
  wiring.setMax(maxBytes)
  if (wiring.dataDir !== null && maxBytes > 0) {
    const disk = statfsSync(wiring.dataDir)
    const free = disk.bavail * disk.bsize
    if (free < maxBytes - used) {
      wiring.logger.warn(
        { freeBytes: free, leftBytes: maxBytes - used, dataDir: wiring.dataDir },
        'MOCKBOARD_MAX_DATA_BYTES allows more than the disk has free: lower it so the cap answers 507 first',
      )
    }
  }
  return new DataBudget(
    used,
    maxBytes,
    () => storage.usedBytes(),
    (bytes) => wiring.setUsed(bytes),
    (err) => wiring.logger.warn({ err }, 'could not measure the store for MOCKBOARD_MAX_DATA_BYTES'),
  )
}
