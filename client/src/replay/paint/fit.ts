import { apply, MAX_DEPTH, type Scene, type Shape } from './scene'
import { shapeSize } from './shapes'

/** tldraw's camera: a page point p is drawn at ((p.x + x)·z, (p.y + y)·z) on screen. */
export interface Camera {
  x: number
  y: number
  z: number
}

/** The page's bounds: every shape's box (arrows and strokes by their points) in page space. */
export function pageBounds(scene: Scene, pageId: string | null) {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const add = (s: Shape, depth: number) => {
    if (depth > MAX_DEPTH) return
    const m = scene.pageTransform(s.id)
    for (const p of corners(s, scene)) {
      const q = apply(m, p)
      minX = Math.min(minX, q.x)
      minY = Math.min(minY, q.y)
      maxX = Math.max(maxX, q.x)
      maxY = Math.max(maxY, q.y)
    }
    for (const child of scene.childrenOf(s.id)) add(child, depth + 1)
  }
  if (pageId) for (const s of scene.childrenOf(pageId)) add(s, 0)
  return minX <= maxX ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY } : null
}

function corners(s: Shape, scene: Scene): { x: number; y: number }[] {
  if (s.type === 'arrow') {
    // A bound end lies on its target, which is counted already.
    const bound = scene.arrowBindings.get(s.id) ?? {}
    const p = s.props as { start?: { x?: number; y?: number }; end?: { x?: number; y?: number } }
    return [
      ...(bound.start ? [] : [{ x: p.start?.x ?? 0, y: p.start?.y ?? 0 }]),
      ...(bound.end ? [] : [{ x: p.end?.x ?? 0, y: p.end?.y ?? 0 }]),
    ]
  }
  if (s.type === 'group') return []
  const { w, h } = shapeSize(s)
  return [
    { x: 0, y: 0 },
    { x: w, y: 0 },
    { x: 0, y: h },
    { x: w, y: h },
  ]
}

/** The camera `fitCamera` gives tldraw: the page's bounds centred with 64 px inset, never past 100 %. */
export function fit(scene: Scene, pageId: string | null, width: number, height: number): Camera {
  const b = pageBounds(scene, pageId)
  if (!b || b.w <= 0 || b.h <= 0 || width <= 0 || height <= 0) return { x: 0, y: 0, z: 1 }
  const z = Math.min(1, Math.max(0.05, Math.min((width - 64) / b.w, (height - 64) / b.h)))
  return { x: -b.x + (width - b.w * z) / 2 / z, y: -b.y + (height - b.h * z) / 2 / z, z }
}
