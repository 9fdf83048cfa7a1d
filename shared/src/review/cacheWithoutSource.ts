import type { Finding } from './finding.js'
import { connectedTo } from './reviewGraph.js'
import type { Rule } from './rule.js'

/** Stores a cache can be filled from (the data group, the cache itself excluded). */
const STORE_KINDS: ReadonlySet<string> = new Set([
  'relational-db',
  'document-db',
  'wide-column-db',
  'key-value-store',
  'search-index',
  'object-storage',
  'data-warehouse',
])
/** A path through a client is not a data path. */
const NOT_THROUGH: ReadonlySet<string> = new Set(['clients'])

export const cacheWithoutSource: Rule = {
  id: 'cache-without-source',
  severity: 'warn',
  title: 'Cache without source',
  why:
    'A cache holds copies: on a miss or after eviction the data has to come from a store of record. ' +
    '"Application caches powered by Redis or Memcached store frequently-accessed data" — accessed from somewhere.',
  check({ graph }) {
    const findings: Finding[] = []
    for (const node of graph.nodes.values()) {
      if (node.kind !== 'cache') continue
      const reach = connectedTo(graph, node.id, NOT_THROUGH)
      if ([...reach].some((id) => STORE_KINDS.has(graph.nodes.get(id)!.kind))) continue
      findings.push({
        rule: 'cache-without-source',
        severity: 'warn',
        shapeIds: [node.id],
        message: `${node.label} has no path to a data store it could be filled from.`,
        question: `On a miss in ${node.label}, where does the data come from, and how is the cache kept fresh?`,
      })
    }
    return findings
  },
}
