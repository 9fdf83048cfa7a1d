import { formatCount } from '../estimates/computeEstimates.js'
import { nodeCapacity } from '../nodeCapacity.js'
import type { Finding } from './finding.js'
import type { Rule } from './rule.js'

/** Stores of record whose write capacity the catalog states (a cache or a queue is not sharded by key). */
const STORE_KINDS: ReadonlySet<string> = new Set([
  'relational-db',
  'document-db',
  'wide-column-db',
  'key-value-store',
  'search-index',
])

export const writeHotspot: Rule = {
  id: 'write-hotspot',
  severity: 'risk',
  title: 'Write hotspot',
  why:
    'Read replicas add read capacity, not write capacity: every write still lands on one primary. When the ' +
    'estimated peak write rate exceeds what one node of that kind takes, the data must be split by a shard key. ' +
    'The seed article: "As your data grows beyond single-server capacity, sharding becomes crucial."',
  check({ graph, peakWritesPerSec }) {
    if (peakWritesPerSec === null) return []
    const findings: Finding[] = []
    for (const node of graph.nodes.values()) {
      const capacity = nodeCapacity(node.kind)
      if (!STORE_KINDS.has(node.kind) || !capacity || node.shardKey) continue
      if (peakWritesPerSec <= capacity.writesPerSec) continue
      findings.push({
        rule: 'write-hotspot',
        severity: 'risk',
        shapeIds: [node.id],
        message:
          `Peak writes (~${formatCount(peakWritesPerSec)}/s) exceed one ${node.kind} node ` +
          `(~${formatCount(capacity.writesPerSec)}/s) and ${node.label} has no shard key.`,
        question: `How will ${node.label} spread ${formatCount(peakWritesPerSec)} writes/s across nodes: what is the shard key?`,
      })
    }
    return findings
  },
}
