import type { Finding } from './finding.js'
import { clientNodes, type ReviewGraph } from './reviewGraph.js'
import type { Rule } from './rule.js'

/**
 * The shortest synchronous path from any client to each component, as a chain of ids. Shortest,
 * not longest: the longest simple path is exponential to find, and the shortest one is a chain
 * every request to that component must wait through at the least.
 */
function shortestSyncPaths(graph: ReviewGraph): Map<string, string[]> {
  const paths = new Map<string, string[]>()
  const queue: string[] = []
  for (const c of clientNodes(graph)) {
    paths.set(c.id, [c.id])
    queue.push(c.id)
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!
    for (const e of graph.out.get(id) ?? []) {
      if (!e.sync || paths.has(e.to)) continue
      paths.set(e.to, [...paths.get(id)!, e.to])
      queue.push(e.to)
    }
  }
  return paths
}

export const deepSyncChain: Rule = {
  id: 'deep-sync-chain',
  severity: 'warn',
  title: 'Deep synchronous chain',
  why:
    'Each synchronous hop adds its latency and its failure rate to the request: the caller waits for the whole ' +
    'chain and fails if any link does. "Request-response patterns … can create tight coupling"; asynchronous ' +
    'messaging gives "loose coupling and better fault tolerance".',
  check({ graph, maxSyncHops }) {
    const paths = shortestSyncPaths(graph)
    const deep = [...paths.values()].filter((p) => p.length - 1 > maxSyncHops)
    // One finding per chain end: a deep path that another deep path extends is reported by the longer one.
    const inner = new Set(deep.flatMap((p) => p.slice(0, -1)))
    const findings: Finding[] = []
    for (const path of deep) {
      const end = path[path.length - 1]!
      if (inner.has(end)) continue
      const labels = path.map((id) => graph.nodes.get(id)!.label)
      findings.push({
        rule: 'deep-sync-chain',
        severity: 'warn',
        shapeIds: path,
        message: `${path.length - 1} synchronous hops (more than ${maxSyncHops}): ${labels.join(' → ')}.`,
        question: `Which of these ${path.length - 1} hops could be asynchronous or cached, and what is the p99 when each adds its own?`,
      })
    }
    return findings
  },
}
