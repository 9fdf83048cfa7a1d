import { COMPONENT_KINDS, FRAME_KINDS } from '@mockboard/shared'
import { createBindingId, createShapeId, type IndexKey, type TLRecord, toRichText } from 'tldraw'

import type { Rng } from './rng.js'

/** Plain tldraw records, as the live client writes them; the store validates every one on put. */
export type Rec = TLRecord & { id: string }

const PAGE = 'page:page'
const base = (id: string, type: string, x: number, y: number, index: IndexKey) => ({
  id,
  typeName: 'shape' as const,
  type,
  x,
  y,
  rotation: 0,
  index,
  parentId: PAGE,
  isLocked: false,
  opacity: 1,
  meta: {},
})

const DRAWABLE = COMPONENT_KINDS.filter((k) => k.group !== 'frames')

export function componentShape(rng: Rng, index: IndexKey, x: number, y: number): Rec {
  const kind = rng.pick(DRAWABLE)
  return {
    ...base(createShapeId(), 'system-component', x, y, index),
    props: {
      kind: kind.kind,
      label: '',
      technology: '',
      replicas: 1,
      shardKey: '',
      notes: '',
      w: 184,
      h: 76,
    },
  } as unknown as Rec
}

export function frameShape(rng: Rng, index: IndexKey, x: number, y: number): Rec {
  const kind = rng.pick(FRAME_KINDS)
  return {
    ...base(createShapeId(), 'system-frame', x, y, index),
    props: { kind: kind.kind, label: kind.label, w: 520, h: 340 },
  } as unknown as Rec
}

/** tldraw's text shape, its `richText` as given (any value: hostile tests send what tldraw cannot draw). */
export function textShape(
  index: IndexKey,
  x: number,
  y: number,
  richText: unknown,
  id: string = createShapeId(),
): Rec {
  return {
    ...base(id, 'text', x, y, index),
    props: {
      color: 'black',
      size: 'm',
      font: 'draw',
      textAlign: 'start',
      w: 200,
      richText,
      scale: 1,
      autoSize: true,
    },
  } as unknown as Rec
}

/** An arrow between two shapes with its two bindings, created in one transaction as tldraw does. */
export function arrowBetween(
  index: IndexKey,
  from: Rec & { x: number; y: number },
  to: Rec & { x: number; y: number },
): Rec[] {
  const arrow = {
    ...base(createShapeId(), 'arrow', from.x + 92, from.y + 38, index),
    props: {
      kind: 'arc',
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      font: 'draw',
      start: { x: 0, y: 0 },
      end: { x: to.x - from.x, y: to.y - from.y },
      bend: 0,
      richText: toRichText(''),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
  } as unknown as Rec
  const binding = (terminal: 'start' | 'end', toId: string) =>
    ({
      id: createBindingId(),
      typeName: 'binding',
      type: 'arrow',
      fromId: arrow.id,
      toId,
      props: {
        terminal,
        normalizedAnchor: { x: 0.5, y: 0.5 },
        isExact: false,
        isPrecise: false,
        snap: 'none',
      },
      meta: {},
    }) as unknown as Rec
  return [arrow, binding('start', from.id), binding('end', to.id)]
}

export const LABELS: Record<string, readonly string[]> = {
  default: [
    'API',
    'Feed service',
    'User service',
    'Fan-out',
    'Primary',
    'Replica',
    'Hot shard',
    'Ingest',
    'Media',
    'Timeline',
    'Search',
    'Billing',
  ],
}
export const TECH = [
  'PostgreSQL',
  'Redis',
  'Kafka',
  'Cassandra',
  'S3',
  'NGINX',
  'Go',
  'Elasticsearch',
  'DynamoDB',
  'RabbitMQ',
]
export const PROTOCOLS = ['REST', 'gRPC', 'WebSocket', 'async', 'HTTPS', 'SQL']
