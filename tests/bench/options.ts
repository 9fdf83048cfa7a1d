/** Bench knobs: CLI flags (`--sessions=500`) win over env (`BENCH_SESSIONS=500`) over defaults. */
import { SHAPES_PER_CLIENT } from './record.js'

export type TargetName =
  | 'mockboard'
  | 'mockboard-two-instances'
  | 'y-websocket-server'
  | 'y-websocket-leveldb'
  | 'hocuspocus'
  | 'hocuspocus-sqlite'

export interface BenchOptions {
  sessions: number
  clientsPerSession: number
  /** Updates per second per client. */
  rate: number
  /**
   * Shapes each client moves in turn. Yjs keeps every replaced map entry as a deleted item, and
   * merges a client's run of them only where one key is replaced again and again: with 1 the
   * documents stop growing (a leak then shows alone), with more they grow as real boards do.
   */
  shapes: number
  /**
   * Where clients write their records: 'records' as the board does (a y-utility YKeyValue in the
   * board doc's record array, each record checked by our server against tldraw's schema), or
   * 'map' (one Y.Map entry per shape, which no server checks).
   */
  layout: 'records' | 'map'
  warmupSeconds: number
  durationSeconds: number
  /** Time after the window for in-flight updates to land before counting losses. */
  drainSeconds: number
  /** Load-generator processes; both clients of a session always share one. */
  workers: number
  targets: TargetName[]
  /** Stored updates in the cold-join session; 0 skips the cold-join measurement. */
  coldUpdates: number
  coldRepeats: number
  /** Write a V8 CPU profile of our server to tests/artifacts/ (node --cpu-prof). */
  profile: boolean
  out: string
  /** Pin the server and the load generators to separate cores with taskset (where it exists). */
  pin: 'auto' | 'off'
  /** Idle sessions (two clients each) for the memory-per-session figure; 0 skips it. */
  idleSessions: number
  /** Checkout whose server/src/main.ts is "ours" (default: this repository). */
  serverRoot: string | null
  /**
   * Rounds of the whole target list, one after the other: on a shared machine one run's ratio can
   * be off by half, so the summary gives each ratio's median over the rounds.
   */
  rounds: number
}

const ALL_TARGETS: TargetName[] = [
  'mockboard',
  'mockboard-two-instances',
  'y-websocket-server',
  'y-websocket-leveldb',
  'hocuspocus',
  'hocuspocus-sqlite',
]
/** Without --targets: every single-process server. The two-instance topology needs --topology. */
const DEFAULT_TARGETS = ALL_TARGETS.filter((t) => t !== 'mockboard-two-instances')

const HELP = `npm run bench -- [--sessions=500] [--clients=2] [--rate=2] [--warmup=5] [--duration=20]
  [--drain=3] [--workers=2] [--shapes=8] [--layout=records|map]
  [--targets=mockboard,y-websocket-server,y-websocket-leveldb,hocuspocus,hocuspocus-sqlite]
  [--cold-updates=36000] [--cold-repeats=5] [--idle-sessions=2000] [--profile] [--pin=auto|off]
  [--topology=one-instance|two-instances] [--out=tests/artifacts/bench-sync.json]
  [--server-root=<another checkout to bench as ours>] [--rounds=1]
Each flag also reads from BENCH_<NAME> (e.g. BENCH_SESSIONS=100).`

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const flags = new Map<string, string>()
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') throw new UsageError(HELP)
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!match) throw new UsageError(`unknown argument "${arg}"\n${HELP}`)
    flags.set(match[1]!, match[2] ?? 'true')
  }
  const raw = (name: string): string | undefined =>
    flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`]
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const value = raw(name)
    if (value === undefined || value === '') return fallback
    const n = Number(value)
    if (!Number.isFinite(n) || n < min || n > max)
      throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${value}")`)
    return n
  }
  const topology = raw('topology') ?? 'one-instance'
  if (topology !== 'one-instance' && topology !== 'two-instances')
    throw new UsageError(`--topology must be one-instance or two-instances (got "${topology}")`)
  const layout = raw('layout') ?? 'records'
  if (layout !== 'records' && layout !== 'map')
    throw new UsageError(`--layout must be records or map (got "${layout}")`)
  const targets = (raw('targets') ?? DEFAULT_TARGETS.join(',')).split(',').map((t) => t.trim())
  // Two instances are compared with one, in the same run.
  if (topology === 'two-instances' && !targets.includes('mockboard-two-instances'))
    targets.splice(targets.indexOf('mockboard') + 1, 0, 'mockboard-two-instances')
  for (const t of targets)
    if (!ALL_TARGETS.includes(t as TargetName))
      throw new UsageError(`unknown target "${t}" (one of ${ALL_TARGETS.join(', ')})`)
  return {
    sessions: Math.round(num('sessions', 500, 1, 5000)),
    clientsPerSession: Math.round(num('clients', 2, 2, 20)),
    rate: num('rate', 2, 0.1, 50),
    shapes: Math.round(num('shapes', SHAPES_PER_CLIENT, 1, 1000)),
    layout,
    warmupSeconds: num('warmup', 5, 0, 120),
    durationSeconds: num('duration', 20, 1, 600),
    drainSeconds: num('drain', 3, 0.5, 60),
    workers: Math.round(num('workers', 2, 1, 8)),
    targets: targets as TargetName[],
    coldUpdates: Math.round(num('cold-updates', 36_000, 0, 1_000_000)),
    coldRepeats: Math.round(num('cold-repeats', 5, 1, 50)),
    profile: raw('profile') === 'true' || raw('profile') === '1',
    out: raw('out') ?? 'tests/artifacts/bench-sync.json',
    pin: raw('pin') === 'off' ? 'off' : 'auto',
    idleSessions: Math.round(num('idle-sessions', 2000, 0, 20_000)),
    serverRoot: raw('server-root') ?? null,
    rounds: Math.round(num('rounds', 1, 1, 20)),
  }
}
