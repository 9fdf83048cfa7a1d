/**
 * A tldraw geo shape record, as the client's store binding writes it into the board's Y.Map:
 * one record per key, replaced whole on each change (a drag moves x/y). ~450 bytes as a Yjs update.
 * It validates against tldraw's schema: the server refuses board records that do not.
 */
export interface BenchRecord {
  id: string
  typeName: 'shape'
  type: 'geo'
  x: number
  y: number
  rotation: number
  index: string
  parentId: string
  isLocked: boolean
  opacity: number
  props: {
    geo: string
    dash: string
    url: string
    w: number
    h: number
    growY: number
    scale: number
    flipX: boolean
    flipY: boolean
    labelColor: string
    color: string
    fill: string
    size: string
    font: string
    align: string
    verticalAlign: string
    richText: { type: 'doc'; content: unknown[] }
  }
  meta: { sentAt: number }
}

/** Shapes each client keeps moving; small, so the doc stays tldraw-sized over a long run. */
export const SHAPES_PER_CLIENT = 8

export function shapeRecord(
  clientIndex: number,
  n: number,
  sentAt: number,
  shapes = SHAPES_PER_CLIENT,
): BenchRecord {
  const shape = n % shapes
  return {
    id: `shape:c${clientIndex}s${shape}`,
    typeName: 'shape',
    type: 'geo',
    x: 100 + ((n * 7) % 900),
    y: 80 + ((n * 13) % 600),
    rotation: 0,
    index: `a${shape + 1}`,
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 160,
      h: 90,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Load balancer' }] }],
      },
    },
    meta: { sentAt },
  }
}
