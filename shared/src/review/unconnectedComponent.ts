import type { Finding } from './finding.js'
import type { Rule } from './rule.js'

export const unconnectedComponent: Rule = {
  id: 'unconnected-component',
  severity: 'info',
  title: 'Unconnected component',
  why:
    'A box with no arrows says nothing about how data flows through it; the interviewer cannot tell whether it ' +
    'was forgotten or is still to come. "Choose and connect the right building blocks" — connecting is half of it.',
  check({ graph }) {
    const findings: Finding[] = []
    for (const node of graph.nodes.values()) {
      if (graph.out.has(node.id) || graph.in.has(node.id)) continue
      findings.push({
        rule: 'unconnected-component',
        severity: 'info',
        shapeIds: [node.id],
        message: `${node.label} is not connected to anything.`,
        question: `Where does ${node.label} sit in the request flow: who calls it and what does it call?`,
      })
    }
    return findings
  },
}
