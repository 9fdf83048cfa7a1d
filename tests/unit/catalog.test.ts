import { COMPONENT_GROUPS, COMPONENT_KINDS, FRAME_KINDS, searchComponents } from '@mockboard/shared'
import * as lucide from 'lucide-react'
import { describe, expect, it } from 'vitest'

import { CATALOG_ICONS } from '../../client/src/shapes/icons'

/** PRODUCT.md, "Component library (groups → components)", verbatim. */
const PRODUCT_LIBRARY: Record<string, string> = {
  Clients: 'web browser · mobile app · external user',
  Edge: 'DNS · CDN · load balancer · API gateway · rate limiter · WAF / firewall',
  Compute: 'service · web server · worker · serverless function · scheduler',
  Data: 'relational DB · document DB · wide-column DB · key-value store · cache · search index · object storage · data warehouse',
  Messaging: 'message queue · event stream · pub/sub topic · stream processor · notification service',
  Platform:
    'service registry · config service · auth service · secrets / KMS · monitoring · logging · tracing · circuit breaker',
  External: 'third-party API · payment provider',
  Frames: 'region · availability zone · VPC / network boundary',
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')

describe('component catalog', () => {
  it('covers every component and frame listed in PRODUCT.md', () => {
    const groups = Object.entries(PRODUCT_LIBRARY).map(([group, list]) => ({
      group,
      names: list.split('·').map((n) => n.trim()),
    }))
    const labels = new Set([
      ...COMPONENT_KINDS.map((k) => norm(k.label)),
      ...FRAME_KINDS.map((f) => norm(f.label)),
    ])
    const missing = groups.flatMap((g) =>
      g.names.filter((n) => !labels.has(norm(n))).map((n) => `${g.group}: ${n}`),
    )
    expect(missing).toEqual([])
  })

  it('puts every component in a known group and keeps kinds unique', () => {
    const groupIds = new Set(COMPONENT_GROUPS.map((g) => g.id))
    for (const k of COMPONENT_KINDS) expect(groupIds.has(k.group), k.kind).toBe(true)
    const kinds = [...COMPONENT_KINDS.map((k) => k.kind), ...FRAME_KINDS.map((f) => f.kind)]
    expect(new Set(kinds).size).toBe(kinds.length)
  })

  it('maps every icon name to a real lucide icon, in the client icon module too', () => {
    const icons = [...COMPONENT_KINDS.map((k) => k.icon), ...FRAME_KINDS.map((f) => f.icon)]
    for (const icon of icons) {
      expect((lucide as Record<string, unknown>)[pascal(icon)], `lucide has ${icon}`).toBeDefined()
      expect(CATALOG_ICONS[icon], `client maps ${icon}`).toBe(
        (lucide as Record<string, unknown>)[pascal(icon)],
      )
    }
  })

  it('finds components by technology and keyword', () => {
    expect(searchComponents('kafka').map((k) => k.kind)).toContain('event-stream')
    expect(searchComponents('POSTGRES').map((k) => k.kind)).toContain('relational-db')
  })
})
