import type { Finding } from './finding.js'
import { clientNodes, neighbours, reachableFrom, type ReviewGraph, type ReviewNode } from './reviewGraph.js'
import type { Rule } from './rule.js'

/** Managed, globally redundant or outside our control: one box on the board is not one machine. */
const EXEMPT_GROUPS: ReadonlySet<string> = new Set(['clients', 'external', 'frames', 'unknown'])
const EXEMPT_KINDS: ReadonlySet<string> = new Set(['dns', 'cdn'])

function question(node: ReviewNode): string {
  if (node.group === 'data' && node.kind === 'cache')
    return `What happens to the database when ${node.label}'s only node fails and every read falls through?`
  if (node.group === 'data') return `What happens to writes when ${node.label}'s only node fails?`
  if (node.kind === 'load-balancer' || node.kind === 'api-gateway')
    return `What happens to every request when ${node.label} fails?`
  return `What happens to requests in flight when ${node.label}'s only instance fails?`
}

/** A peer of the same kind beside it (shares an upstream) or wired to it (primary → replica). */
function hasRedundantPeer(graph: ReviewGraph, node: ReviewNode): boolean {
  const peers = new Set(neighbours(graph, node.id))
  for (const e of graph.in.get(node.id) ?? [])
    for (const sibling of graph.out.get(e.from) ?? []) peers.add(sibling.to)
  peers.delete(node.id)
  return [...peers].some((id) => graph.nodes.get(id)?.kind === node.kind)
}

export const singlePointOfFailure: Rule = {
  id: 'single-point-of-failure',
  severity: 'risk',
  title: 'Single point of failure',
  why:
    'A component on a request path with one instance and no redundant peer takes the whole path down when ' +
    'it fails. The seed article: reliability "requires strategic redundancy through component duplication", ' +
    'like "running multiple application servers behind a load balancer".',
  check({ graph }) {
    const onPath = reachableFrom(
      graph,
      clientNodes(graph).map((n) => n.id),
    )
    const findings: Finding[] = []
    for (const node of graph.nodes.values()) {
      if (!onPath.has(node.id) || node.replicas > 1) continue
      if (EXEMPT_GROUPS.has(node.group) || EXEMPT_KINDS.has(node.kind)) continue
      if (hasRedundantPeer(graph, node)) continue
      findings.push({
        rule: 'single-point-of-failure',
        severity: 'risk',
        shapeIds: [node.id],
        message: `${node.label} is a single point of failure: one instance, no redundant peer, on a request path.`,
        question: question(node),
      })
    }
    return findings
  },
}
