/**
 * A replay body built from a document someone keeps changing (a live session's history, its
 * board) is served as it is, rather than built again, until this many times what its build cost
 * has passed: readers of such a document make the server spend at most a fifth of its time on
 * it, however often they ask. The page checks what a body stands for (its seq, its last update).
 */
export const REBUILD_AFTER = 4

/** Whether a body built at `builtAt` in `cost` ms (both in ms of the same clock) still serves at `now`. */
export const stillFresh = (builtAt: number, cost: number, now: number) => now - builtAt < REBUILD_AFTER * cost
