import { react, type Signal, type TLRecord, type TLShape, type TLShapeId, type TLStore } from 'tldraw'

import type { ConnectionState } from './connectionState'

const COMPONENT = 'system-component'
/** Gap left between two components that had landed on the same spot. */
const GAP = 16

interface Box {
  id: string
  parentId: string
  x: number
  y: number
  w: number
  h: number
}

function boxOf(shape: TLShape): Box | null {
  if (shape.type !== COMPONENT) return null
  const props = shape.props as { w?: unknown; h?: unknown }
  if (typeof props.w !== 'number' || typeof props.h !== 'number') return null
  return { id: shape.id, parentId: shape.parentId, x: shape.x, y: shape.y, w: props.w, h: props.h }
}

/** Whether two boxes cover much of the same spot (a quarter of the smaller one or more). */
function clash(a: Box, b: Box): boolean {
  if (a.parentId !== b.parentId) return false
  const ix = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const iy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  if (ix <= 0 || iy <= 0) return false
  return ix * iy >= 0.25 * Math.min(a.w * a.h, b.w * b.h)
}

/**
 * New x positions for our components that clash with components someone else placed while we
 * were apart. Only our own shapes move. The direction follows the id order, so when both pages
 * run this at the same reconnect they move apart in opposite directions instead of together.
 */
export function nudges(mine: Box[], theirs: Box[]): Map<string, number> {
  const moved = new Map<string, number>()
  for (const m of mine) {
    const other = theirs.find((t) => clash(m, t))
    if (!other) continue
    const sign = m.id > other.id ? 1 : -1
    moved.set(m.id, m.x + sign * (m.w + GAP))
  }
  return moved
}

/** How long after a reconnect shapes others placed while apart may still arrive (they may reconnect later). */
const SETTLE_MS = 5000

/**
 * While the board is not live, remembers which components this user adds; after the next sync,
 * and for SETTLE_MS while the others' offline work trickles in, moves each one off any component
 * that someone else placed in the meantime, so two people who drew "Cache" on the same spot while
 * apart see both cards.
 */
export function nudgeApartAfterReconnect(store: TLStore, $state: Signal<ConnectionState>): () => void {
  let apart: { before: Set<string>; mine: Set<string>; stop: () => void } | null = null
  let settling: (() => void) | null = null

  const componentIds = () =>
    new Set(
      store.query
        .records('shape')
        .get()
        .filter((s) => s.type === COMPONENT)
        .map((s) => s.id as string),
    )

  const settle = (before: Set<string>, mine: Set<string>) => {
    const moved = new Set<string>()
    const check = () => {
      const boxes = store.query
        .records('shape')
        .get()
        .map(boxOf)
        .filter((b): b is Box => b !== null)
      const ours = boxes.filter((b) => mine.has(b.id) && !moved.has(b.id))
      const theirs = boxes.filter((b) => !mine.has(b.id) && !before.has(b.id))
      const updates: TLRecord[] = []
      for (const [id, x] of nudges(ours, theirs)) {
        const shape = store.get(id as TLShapeId)
        if (!shape) continue
        moved.add(id)
        updates.push({ ...shape, x })
      }
      // A plain put counts as a user change, so the binding sends the move to everyone.
      if (updates.length) store.put(updates)
    }
    check()
    const stopListening = store.listen(check, { source: 'remote', scope: 'document' })
    const timer = setTimeout(() => end(), SETTLE_MS)
    const end = () => {
      clearTimeout(timer)
      stopListening()
      settling = null
    }
    settling = end
  }

  const stopReact = react('nudge apart after reconnect', () => {
    const state = $state.get()
    if (state !== 'connected' && state !== 'connecting' && !apart) {
      settling?.()
      const mine = new Set<string>()
      const stop = store.listen(
        ({ changes }) => {
          for (const record of Object.values(changes.added)) {
            if (record.typeName === 'shape' && record.type === COMPONENT) mine.add(record.id)
          }
        },
        { source: 'user', scope: 'document' },
      )
      apart = { before: componentIds(), mine, stop }
      return
    }
    if (state !== 'connected' || !apart) return
    const { before, mine, stop } = apart
    apart = null
    stop()
    if (mine.size > 0) settle(before, mine)
  })
  return () => {
    stopReact()
    apart?.stop()
    settling?.()
  }
}
