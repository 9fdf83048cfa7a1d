/**
 * A tldraw-like shape record, as the client's store binding writes it into the board's Y.Map:
 * one record per key, replaced whole on each change (a drag moves x/y). ~250 bytes as a Yjs update.
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
  props: { w: number; h: number; geo: string; color: string; fill: string; dash: string; size: string; text: string }
  meta: { sentAt: number }
}

/** Shapes each client keeps moving; small, so the doc stays tldraw-sized over a long run. */
export const SHAPES_PER_CLIENT = 8

export function shapeRecord(clientIndex: number, n: number, sentAt: number): BenchRecord {
  const shape = n % SHAPES_PER_CLIENT
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
    props: { w: 160, h: 90, geo: 'rectangle', color: 'black', fill: 'none', dash: 'draw', size: 'm', text: 'Load balancer' },
    meta: { sentAt },
  }
}
