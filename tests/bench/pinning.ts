import { spawnSync } from 'node:child_process'
import { cpus } from 'node:os'

/**
 * Where the server and the load generators run. On a shared machine they fight for the same cores
 * and the tails measure the fight; with `taskset` each gets its own: the server the first core (the
 * first two from 8 cores up), the load generators the rest.
 */
export interface Pinning {
  server: string
  load: string
  /**
   * The PostgreSQL and Redis a target starts (the two-instance topology) share the load
   * generators' cores: in the topology they are machines of their own, and left unpinned they took
   * the server's core whenever one of our writes woke them (a write to either then read ~400 µs of
   * the server's time, against ~46 µs to a client socket), so the two instances were measured on
   * less than the one instance's core. Their CPU is reported as "other CPU".
   */
  services: string
  /** Cores the server may use: its CPU figures compare per core. */
  serverCores: number
}

export function planPinning(mode: 'auto' | 'off'): Pinning | null {
  if (mode === 'off') return null
  const n = cpus().length
  if (n < 2 || spawnSync('sh', ['-c', 'command -v taskset']).status !== 0) return null
  const serverCores = n >= 8 ? 2 : 1
  const load = n - serverCores === 1 ? String(serverCores) : `${serverCores}-${n - 1}`
  return { server: serverCores === 1 ? '0' : `0-${serverCores - 1}`, load, services: load, serverCores }
}

/** Moves every thread of a running process (`-a`) onto `cores`. */
export function pin(pid: number, cores: string): void {
  const result = spawnSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`taskset -p ${cores} ${pid} failed: ${result.stderr}`)
}
