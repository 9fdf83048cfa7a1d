/**
 * What one node of a kind takes, as editable catalog data: order-of-magnitude defaults for a
 * commodity node (the numbers interview prep material quotes), used by the `write-hotspot` rule.
 * A self-hoster who coaches on other hardware changes them here.
 */
export interface NodeCapacity {
  /** Sustained writes per second one node accepts. */
  writesPerSec: number
  /** Sustained reads per second one node serves. */
  readsPerSec: number
}

export const NODE_CAPACITY: Readonly<Record<string, NodeCapacity>> = {
  'relational-db': { writesPerSec: 5_000, readsPerSec: 20_000 },
  'document-db': { writesPerSec: 10_000, readsPerSec: 30_000 },
  'wide-column-db': { writesPerSec: 50_000, readsPerSec: 30_000 },
  'key-value-store': { writesPerSec: 50_000, readsPerSec: 100_000 },
  cache: { writesPerSec: 80_000, readsPerSec: 100_000 },
  'search-index': { writesPerSec: 5_000, readsPerSec: 10_000 },
  'message-queue': { writesPerSec: 20_000, readsPerSec: 20_000 },
  'event-stream': { writesPerSec: 100_000, readsPerSec: 200_000 },
}

/** The per-node capacity of a component kind; undefined when the catalog states none. */
export function nodeCapacity(kind: string): NodeCapacity | undefined {
  return NODE_CAPACITY[kind]
}
