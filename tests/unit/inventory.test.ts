import { boardInventory, type BoardRecord, richTextToPlain } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

const rich = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})
const shape = (id: string, type: string, props: Record<string, unknown>): BoardRecord => ({
  id,
  typeName: 'shape',
  type,
  props,
})
const bind = (arrow: string, to: string, terminal: 'start' | 'end'): BoardRecord => ({
  id: `binding:${arrow}-${terminal}`,
  typeName: 'binding',
  type: 'arrow',
  fromId: arrow,
  toId: to,
  props: { terminal },
})

describe('board inventory', () => {
  it('lists components, frames and the connections between them', () => {
    const inventory = boardInventory([
      shape('shape:lb', 'system-component', {
        kind: 'load-balancer',
        label: 'Edge LB',
        technology: 'NGINX',
        replicas: 2,
        shardKey: '',
      }),
      shape('shape:db', 'system-component', {
        kind: 'relational-db',
        label: '',
        technology: 'PostgreSQL',
        replicas: 3,
        shardKey: 'user_id',
        notes: 'Primary + 2 read replicas\nfails over in ~30 s',
      }),
      shape('shape:region', 'system-frame', { kind: 'region', label: 'eu-west-1' }),
      shape('shape:a1', 'arrow', { richText: rich('gRPC') }),
      shape('shape:a2', 'arrow', { richText: rich('') }),
      shape('shape:note', 'note', { richText: rich('hot key?') }),
      bind('shape:a1', 'shape:lb', 'start'),
      bind('shape:a1', 'shape:db', 'end'),
      bind('shape:a2', 'shape:db', 'start'),
      { id: 'page:1', typeName: 'page' },
    ])
    expect(inventory.components).toEqual([
      {
        id: 'shape:lb',
        kind: 'load-balancer',
        kindLabel: 'Load balancer',
        label: 'Edge LB',
        technology: 'NGINX',
        replicas: 2,
        shardKey: '',
        notes: '',
      },
      {
        id: 'shape:db',
        kind: 'relational-db',
        kindLabel: 'Relational DB',
        label: 'Relational DB',
        technology: 'PostgreSQL',
        replicas: 3,
        shardKey: 'user_id',
        notes: 'Primary + 2 read replicas\nfails over in ~30 s',
      },
    ])
    expect(inventory.frames).toEqual([{ id: 'shape:region', kind: 'region', label: 'eu-west-1' }])
    // a2 is bound at one end only: not a connection.
    expect(inventory.connections).toEqual([{ from: 'Edge LB', to: 'Relational DB', label: 'gRPC' }])
    expect(inventory.otherShapes).toEqual({ note: 1 })
  })

  it('reads rich text and legacy strings', () => {
    expect(richTextToPlain(rich('REST'))).toBe('REST')
    expect(richTextToPlain('plain')).toBe('plain')
    expect(richTextToPlain(undefined)).toBe('')
  })
})
