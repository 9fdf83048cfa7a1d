import type { Finding } from './finding.js'
import type { Rule } from './rule.js'

/** Kinds that run as a fleet of instances a client would have to choose between. */
const FLEET_KINDS: ReadonlySet<string> = new Set(['service', 'web-server', 'serverless-function'])

export const noLoadBalancer: Rule = {
  id: 'no-load-balancer',
  severity: 'warn',
  title: 'No load balancer',
  why:
    'Clients that call one of several instances directly must know every address and cannot route around a dead ' +
    'one. Load balancers "route incoming requests across multiple servers" so "no single server becomes overwhelmed".',
  check({ graph }) {
    const findings: Finding[] = []
    for (const edge of graph.edges) {
      const from = graph.nodes.get(edge.from)!
      const to = graph.nodes.get(edge.to)!
      if (from.group !== 'clients' || !FLEET_KINDS.has(to.kind) || to.replicas < 2) continue
      findings.push({
        rule: 'no-load-balancer',
        severity: 'warn',
        shapeIds: [from.id, to.id],
        message: `${from.label} calls ${to.label}'s ${to.replicas} instances directly, with no load balancer between.`,
        question: `How does ${from.label} pick one of ${to.label}'s ${to.replicas} instances, and what happens when one dies?`,
      })
    }
    return findings
  },
}
