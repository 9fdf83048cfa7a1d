import { b64Vecs } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'

import type { BoardFrame } from '../../client/src/replay/decodeFrames'
import { paintArrow } from '../../client/src/replay/paint/arrow'
import { fit, pageBounds } from '../../client/src/replay/paint/fit'
import { decodePoints } from '../../client/src/replay/paint/points'
import { SceneReader } from '../../client/src/replay/paint/scene'
import type { PaintContext } from '../../client/src/replay/paint/shapes'
import { ellipsize, wrapLines } from '../../client/src/replay/paint/text'
import type { PaintTheme } from '../../client/src/replay/paint/theme'
import { paintStroke } from '../../client/src/replay/paint/tlShapes'

const PAGE = 'page:page'

function component(id: string, x: number, y: number, parentId = PAGE) {
  return {
    typeName: 'shape',
    id,
    type: 'system-component',
    parentId,
    index: `a${id.length}${x}`,
    x,
    y,
    rotation: 0,
    opacity: 1,
    props: { kind: 'api-gateway', label: '', w: 100, h: 50, replicas: 1 },
  }
}

function arrow(id: string, extra: Record<string, unknown> = {}) {
  return {
    typeName: 'shape',
    id,
    type: 'arrow',
    parentId: PAGE,
    index: 'b1',
    x: 0,
    y: 0,
    rotation: 0,
    opacity: 1,
    props: {
      start: { x: 0, y: 0 },
      end: { x: 10, y: 0 },
      bend: 0,
      size: 'm',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      ...extra,
    },
  }
}

const binding = (fromId: string, toId: string, terminal: 'start' | 'end') => ({
  typeName: 'binding',
  type: 'arrow',
  id: `binding:${fromId}-${terminal}`,
  fromId,
  toId,
  props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isPrecise: false, isExact: false },
})

function frameOf(records: object[], raw: [string, string][] = []): BoardFrame {
  const map = new Map<string, string>(raw)
  for (const r of records) map.set((r as { id: string }).id, JSON.stringify(r))
  return { records: map, schema: null, notes: '' }
}

/** A 2D context that records the stroked polylines (moveTo/lineTo runs) and ignores the rest. */
function recordingContext() {
  const lines: { x: number; y: number }[][] = []
  const ctx = new Proxy(
    {},
    {
      get(_t, key) {
        if (key === 'moveTo') return (x: number, y: number) => lines.push([{ x, y }])
        if (key === 'lineTo') return (x: number, y: number) => lines.at(-1)?.push({ x, y })
        if (key === 'measureText') return (text: string) => ({ width: text.length * 6 })
        return () => undefined
      },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D
  return { ctx, lines }
}

const theme = {
  dark: false,
  background: '#fff',
  text: '#000',
  tl: () => ({ solid: '#000', semi: '#eee', note: '#ff0' }),
  group: () => ({ g: '#000', soft: '#eee' }),
  card: { card: '#fff', ink: '#000', ink2: '#666' },
  frame: () => '#000',
} satisfies PaintTheme

/** What painting needs besides the shape, at 100 % with no images or icons. */
const paintContext = (ctx: CanvasRenderingContext2D, points = 1e6): PaintContext => ({
  ctx,
  theme,
  image: () => null,
  icon: () => undefined,
  assetSrc: () => null,
  zoom: 1,
  budget: { points },
})

function strokeOfArrow(records: object[], id = 'shape:arrow') {
  const scene = new SceneReader().read(frameOf(records))
  const { ctx, lines } = recordingContext()
  paintArrow(paintContext(ctx), scene.shapes.get(id)!, scene)
  return lines[0]!
}

describe('frame painter', () => {
  it('cuts a bound arrow at its targets’ edges and leaves tldraw’s gap before the head', () => {
    const line = strokeOfArrow([
      component('shape:a', 0, 0),
      component('shape:b', 300, 0),
      arrow('shape:arrow'),
      binding('shape:arrow', 'shape:a', 'start'),
      binding('shape:arrow', 'shape:b', 'end'),
    ])
    const [first, last] = [line[0]!, line.at(-1)!]
    // No head at the start: the line starts on the edge. The end stops 10 px + half the stroke short.
    expect(first.x).toBeCloseTo(100, 1)
    expect(first.y).toBeCloseTo(25, 1)
    expect(last.x).toBeCloseTo(300 - (10 + 3.5 / 2), 1)
    expect(last.y).toBeCloseTo(25, 1)
  })

  it('finds a target through its parent frame, and an unbound end where the record puts it', () => {
    const frame = {
      ...component('shape:frame', 1000, 200),
      type: 'system-frame',
      props: { kind: 'region', label: '', w: 800, h: 400 },
    }
    const line = strokeOfArrow([
      frame,
      component('shape:b', 300, 0, 'shape:frame'),
      arrow('shape:arrow', { start: { x: 0, y: 225 }, arrowheadEnd: 'none' }),
      binding('shape:arrow', 'shape:b', 'end'),
    ])
    expect(line[0]).toEqual({ x: 0, y: 225 })
    // The target's page box starts at x 1300; no head, so no gap.
    expect(line.at(-1)!.x).toBeCloseTo(1300, 1)
    expect(line.at(-1)!.y).toBeCloseTo(225, 1)
  })

  it('bends an arrow through the point tldraw puts its middle at', () => {
    const line = strokeOfArrow([
      arrow('shape:arrow', { end: { x: 200, y: 0 }, bend: 40, arrowheadEnd: 'none' }),
    ])
    const lowest = line.reduce((m, p) => (p.y > m.y ? p : m))
    // tldraw: middle = midpoint + per(u)·(−bend), per(x, y) = (y, −x): (100, 40) here.
    expect(lowest.x).toBeCloseTo(100, 0)
    expect(lowest.y).toBeCloseTo(40, 0)
  })

  it('fits the page as tldraw’s zoomToBounds does with the replay’s inset of 64 and at most 100 %', () => {
    const scene = new SceneReader().read(
      frameOf([component('shape:a', 0, 0), component('shape:b', 1900, 950)]),
    )
    expect(pageBounds(scene, PAGE)).toEqual({ x: 0, y: 0, w: 2000, h: 1000 })
    const camera = fit(scene, PAGE, 1064, 700)
    const z = Math.min((1064 - 64) / 2000, (700 - 64) / 1000)
    expect(camera.z).toBeCloseTo(z, 6)
    expect(camera.x).toBeCloseTo((1064 - 2000 * z) / 2 / z, 6)
    expect(camera.y).toBeCloseTo((700 - 1000 * z) / 2 / z, 6)
    expect(fit(new SceneReader().read(frameOf([component('shape:a', 0, 0)])), PAGE, 1064, 700).z).toBe(1)
  })

  it('reads freehand points as tldraw encodes them', () => {
    const points = Array.from({ length: 50 }, (_, i) => ({ x: i * 3.5, y: Math.sin(i) * 40, z: 0.5 }))
    const decoded = decodePoints({ path: b64Vecs.encodePoints(points) })
    const expected = b64Vecs.decodePoints(b64Vecs.encodePoints(points))
    expect(decoded).toHaveLength(50)
    decoded.forEach((p, i) => {
      expect(p.x).toBeCloseTo(expected[i]!.x, 6)
      expect(p.y).toBeCloseTo(expected[i]!.y, 6)
    })
    expect(decodePoints({ path: '%%%' })).toEqual([])
  })

  it('wraps a crafted label (one 2,000-character word) in few measurements, every line fitting', () => {
    let measured = 0
    const ctx = {
      font: '12px x',
      measureText: (t: string) => {
        measured++
        return { width: t.length * 6 }
      },
    } as unknown as CanvasRenderingContext2D
    const lines = wrapLines(ctx, 'x'.repeat(5_000), 60)
    expect(lines).toHaveLength(200)
    for (const line of lines) expect(line).toBe('x'.repeat(10))
    // Char by char this was ~2,000 measurements per line; halving takes ~11.
    expect(measured).toBeLessThan(200 * 15)
    // A second paint of the same label measures nothing.
    measured = 0
    wrapLines(ctx, 'x'.repeat(5_000), 60)
    expect(measured).toBe(0)
  })

  it('cuts a crafted board short instead of taking long: one-line texts and the frame’s stroke points', () => {
    let longest = 0
    const ctx = {
      font: '12px x',
      measureText: (t: string) => {
        longest = Math.max(longest, t.length)
        return { width: t.length * 6 }
      },
    } as unknown as CanvasRenderingContext2D
    expect(ellipsize(ctx, 'y'.repeat(800_000), 120)).toBe(`${'y'.repeat(19)}…`)
    expect(longest).toBeLessThanOrEqual(301)

    const points = Array.from({ length: 20_000 }, (_, i) => ({ x: i, y: i % 7, z: 0.5 }))
    const stroke = {
      typeName: 'shape',
      id: 'shape:s',
      type: 'draw',
      parentId: PAGE,
      index: 'a1',
      x: 0,
      y: 0,
      rotation: 0,
      opacity: 1,
      props: { segments: [{ type: 'free', path: b64Vecs.encodePoints(points) }], size: 'm', color: 'black' },
    }
    const scene = new SceneReader().read(frameOf([stroke]))
    const { ctx: rec, lines } = recordingContext()
    const pc = paintContext(rec, 30_000)
    paintStroke(pc, scene.shapes.get('shape:s')!)
    paintStroke(pc, scene.shapes.get('shape:s')!)
    // The first drew all 20,000; the second only what was left of the frame's 30,000.
    expect(lines.map((l) => l.length)).toEqual([20_000, 10_000])
    expect(pc.budget.points).toBe(0)
  })

  it('leaves out what it cannot read: bad JSON, wrong fields, a parent cycle', () => {
    const cyclic = [
      { ...component('shape:x', 0, 0, 'shape:y') },
      { ...component('shape:y', 0, 0, 'shape:x') },
    ]
    const scene = new SceneReader().read(
      frameOf(
        [component('shape:a', 0, 0), ...cyclic, { typeName: 'shape', id: 'shape:n', type: 7 }],
        [
          ['shape:bad', '{not json'],
          ['binding:bad', JSON.stringify({ typeName: 'binding', type: 'arrow', fromId: 1 })],
        ],
      ),
    )
    expect([...scene.shapes.keys()].sort()).toEqual(['shape:a', 'shape:x', 'shape:y'])
    expect(scene.countUnder(PAGE)).toBe(1)
    expect(scene.pageTransform('shape:x').e).toBeTypeOf('number')
  })
})
