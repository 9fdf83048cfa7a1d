/** Stable rule ids: stored with bookmarks and compared across instants, never rename. */
export const RULE_IDS = [
  'single-point-of-failure',
  'queue-without-consumer',
  'unconnected-component',
  'cache-without-source',
  'no-load-balancer',
  'write-hotspot',
  'deep-sync-chain',
] as const
export type RuleId = (typeof RULE_IDS)[number]

export const SEVERITIES = ['info', 'warn', 'risk'] as const
export type Severity = (typeof SEVERITIES)[number]

/** One thing the review noticed about the diagram. */
export interface Finding {
  rule: RuleId
  severity: Severity
  /** The shapes it is about (tldraw shape ids), in a stable order. */
  shapeIds: string[]
  /** What is wrong, in one line. */
  message: string
  /** What a coach would ask about it. */
  question: string
}

/** Identifies a finding across instants: same rule on the same shapes is the same finding. */
export function findingKey(f: Pick<Finding, 'rule' | 'shapeIds'>): string {
  return `${f.rule}:${f.shapeIds.join(',')}`
}
