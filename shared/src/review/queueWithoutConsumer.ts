import type { Finding } from './finding.js'
import { MESSAGING_KINDS } from './reviewGraph.js'
import type { Rule } from './rule.js'

/** Kinds that read messages: compute, stream processors, notification senders. */
const CONSUMER_KINDS: ReadonlySet<string> = new Set([
  'service',
  'web-server',
  'worker',
  'serverless-function',
  'scheduler',
  'stream-processor',
  'notification-service',
])

export const queueWithoutConsumer: Rule = {
  id: 'queue-without-consumer',
  severity: 'risk',
  title: 'Queue without consumer',
  why:
    'Messages that nobody reads pile up until the broker runs out of space, and the work they stand for never ' +
    'happens. Queues "enable reliable communication between services" only when a service is on the other end.',
  check({ graph }) {
    const findings: Finding[] = []
    for (const node of graph.nodes.values()) {
      if (!MESSAGING_KINDS.has(node.kind)) continue
      const consumed = (graph.out.get(node.id) ?? []).some((e) =>
        CONSUMER_KINDS.has(graph.nodes.get(e.to)!.kind),
      )
      if (consumed) continue
      findings.push({
        rule: 'queue-without-consumer',
        severity: 'risk',
        shapeIds: [node.id],
        message: `Nothing reads from ${node.label}: no arrow to a worker, service, function or stream processor.`,
        question: `Who consumes ${node.label}, and what happens when messages pile up faster than they are read?`,
      })
    }
    return findings
  },
}
