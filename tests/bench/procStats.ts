import { readdirSync, readFileSync } from 'node:fs'

/** Linux USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100

/**
 * User + system CPU seconds a process has used so far, read from outside it; with `thread`, that
 * one thread's (the main thread's id is the process id).
 */
export function cpuSeconds(pid: number, thread?: number): number {
  const stat = readFileSync(
    thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`,
    'utf8',
  )
  // The command name may contain spaces and parens: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** A process's threads now: id, name (`/proc/<pid>/task/<tid>/comm`, the main thread "main") and CPU seconds. */
export function threads(pid: number): Array<{ tid: number; name: string; seconds: number }> {
  let tids: string[]
  try {
    tids = readdirSync(`/proc/${pid}/task`)
  } catch {
    return [] // gone
  }
  const found: Array<{ tid: number; name: string; seconds: number }> = []
  for (const entry of tids) {
    const tid = Number(entry)
    try {
      const name = tid === pid ? 'main' : readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim()
      found.push({ tid, name, seconds: cpuSeconds(pid, tid) })
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return found
}

/** Resident set size and its peak since start (VmHWM), in bytes. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

/** CPU use of a set of processes over a window, as a share of one core (1.0 = one core busy). */
export class CpuWindow {
  private readonly start: number[]
  /** Per process, each thread's CPU seconds at the start, by thread id. */
  private readonly threadStart: Array<Map<number, number>>
  private readonly startedAt = performance.now()
  private readonly machineStart = machineBusySeconds()

  constructor(private readonly pids: number[]) {
    this.start = pids.map((pid) => cpuSeconds(pid))
    this.threadStart = pids.map((pid) => new Map(threads(pid).map((t) => [t.tid, t.seconds])))
  }

  /**
   * Per-process share of one core since construction, and `others`: what every other process on
   * the machine used meanwhile. A busy neighbour (a compiler, a test run) skews latency figures.
   */
  stop(): {
    perProcess: number[]
    mainThread: number[]
    /**
     * Per process, the share of one core used by each thread name: threads alive at the end, each
     * from the start or from its birth (threads that ended meanwhile are not counted).
     */
    byThreadName: Array<Map<string, number>>
    others: number
  } {
    const seconds = (performance.now() - this.startedAt) / 1000
    const perProcess = this.pids.map((pid, i) => (cpuSeconds(pid) - this.start[i]!) / seconds)
    const byThreadName = this.pids.map((pid, i) => {
      const share = new Map<string, number>()
      for (const t of threads(pid)) {
        const used = t.seconds - (this.threadStart[i]!.get(t.tid) ?? 0)
        share.set(t.name, (share.get(t.name) ?? 0) + used / seconds)
      }
      return share
    })
    // Each process's main thread alone: the one whose saturation is the latency.
    const mainThread = byThreadName.map((shares) => shares.get('main') ?? 0)
    const machine = (machineBusySeconds() - this.machineStart) / seconds
    return {
      perProcess,
      mainThread,
      byThreadName,
      others: Math.max(0, machine - perProcess.reduce((a, b) => a + b, 0)),
    }
  }
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND
}
