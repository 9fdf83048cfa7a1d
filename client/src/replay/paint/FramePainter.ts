import type { BoardFrame } from '../decodeFrames'
import { paintArrow } from './arrow'
import { type Camera, fit } from './fit'
import { boardFontsReady, loadBoardFonts } from './fonts'
import { paintIcon } from './icons'
import { localTransform, MAX_DEPTH, type Scene, SceneReader, type Shape } from './scene'
import { paintComponent, type PaintContext, paintPlaceholder, paintSystemFrame, shapeSize } from './shapes'
import { type PaintTheme, readTheme } from './theme'
import { paintGeo, paintImage, paintLine, paintNote, paintStroke, paintText, paintTlFrame } from './tlShapes'

export type { Camera } from './fit'

export interface View {
  camera: Camera
  pageId: string | null
}

const PAINTERS: Record<string, (pc: PaintContext, s: Shape, scene: Scene) => void> = {
  'system-component': paintComponent,
  'system-frame': paintSystemFrame,
  arrow: paintArrow,
  geo: paintGeo,
  note: paintNote,
  text: paintText,
  draw: paintStroke,
  highlight: paintStroke,
  line: paintLine,
  frame: paintTlFrame,
  image: paintImage,
  group: () => undefined,
}

/** Freehand points drawn per frame, all strokes together (a real board draws far fewer). */
const FRAME_POINTS = 50_000

/** Frames, not groups, clip what they hold (tldraw's frame does; ours draws a border only). */
const CLIPS = new Set(['frame'])

/**
 * Draws a board frame on a 2D canvas in a few milliseconds, however much of the board changed:
 * the replay's picture while the timeline moves and before tldraw has mounted. tldraw, underneath,
 * catches up when the timeline rests and then shows its own rendering (exact text layout, hover,
 * export); the two agree on geometry, so the hand-over is a change of detail, not of layout.
 */
export class FramePainter {
  private readonly reader = new SceneReader()
  private theme: PaintTheme | null = null
  private readonly images = new Map<string, HTMLImageElement>()
  private last: { frame: BoardFrame; view: View | null; dark: boolean } | null = null
  private repaintQueued = false
  /** The last frame was painted before the board's fonts had loaded. */
  private withoutFonts = false
  /**
   * The canvas's size in CSS pixels, read once and then kept until it changes: reading it after
   * the page changed forces the browser to lay the page out there and then (~40 ms of the first
   * frame, where the page's last render had just changed it again).
   */
  private size: { width: number; height: number } | null = null
  private readonly resizes = new ResizeObserver(([entry]) => {
    const box = entry?.contentRect
    if (!box || !this.size) return
    if (Math.abs(box.width - this.size.width) < 1 && Math.abs(box.height - this.size.height) < 1) return
    this.size = null
    this.repaint()
  })

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** Where the colour probes go (inside the page, so its stylesheet applies). */
    private readonly host: HTMLElement,
  ) {
    void loadBoardFonts().then(() => {
      if (this.withoutFonts) this.repaint()
    })
    this.resizes.observe(canvas)
  }

  /** Stops watching the canvas's size (the page dropped it). */
  dispose(): void {
    this.resizes.disconnect()
  }

  private viewport(): { width: number; height: number } {
    return (this.size ??= { width: this.canvas.clientWidth, height: this.canvas.clientHeight })
  }

  /** The view `fitCamera` would give tldraw on this frame: its busiest page, fitted. */
  fitView(frame: BoardFrame): View {
    // Read with the painter's own reader: the instant painted next (the final one, usually)
    // finds its records parsed already.
    const scene = this.reader.read(frame)
    const pageId = scene.busiestPage()
    const { width, height } = this.viewport()
    return { pageId, camera: fit(scene, pageId, width, height) }
  }

  /**
   * Paints `frame` with `view` (or fitted to it when null). Returns how many shapes the page
   * shown holds, nested ones included (what tldraw counts as the page's shapes).
   */
  paint(frame: BoardFrame, view: View | null, dark: boolean): number {
    this.last = { frame, view, dark }
    this.withoutFonts = !boardFontsReady()
    const scene = this.reader.read(frame)
    const { width, height } = this.viewport()
    const pageId = view?.pageId ?? scene.busiestPage()
    const camera = view?.camera ?? fit(scene, pageId, width, height)
    const shapes = pageId ? scene.countUnder(pageId) : 0
    const ctx = this.canvas.getContext('2d')
    if (!ctx || width === 0 || height === 0) return shapes
    const dpr = window.devicePixelRatio || 1
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr)
      this.canvas.height = Math.round(height * dpr)
    }
    if (this.theme?.dark !== dark) this.theme = readTheme(this.host, dark)
    const theme = this.theme
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.globalAlpha = 1
    ctx.fillStyle = theme.background
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height)
    const k = dpr * camera.z
    ctx.setTransform(k, 0, 0, k, k * camera.x, k * camera.y)
    const pc = this.context(ctx, theme, frame, camera.z)
    if (pageId) for (const s of scene.childrenOf(pageId)) this.paintShape(pc, s, scene, 0)
    return shapes
  }

  /** Paints the last frame again (fonts or an image arrived). */
  repaint(): void {
    if (this.repaintQueued || !this.last) return
    this.repaintQueued = true
    requestAnimationFrame(() => {
      this.repaintQueued = false
      if (this.last) this.paint(this.last.frame, this.last.view, this.last.dark)
    })
  }

  private paintShape(pc: PaintContext, s: Shape, scene: Scene, depth: number): void {
    if (depth > MAX_DEPTH) return
    const { ctx } = pc
    ctx.save()
    const m = localTransform(s)
    ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f)
    ctx.globalAlpha *= s.opacity
    try {
      ;(PAINTERS[s.type] ?? paintPlaceholder)(pc, s, scene)
    } catch {
      // A record the painter cannot read is left out; tldraw will show what it makes of it.
    }
    const children = scene.childrenOf(s.id)
    if (children.length > 0) {
      if (CLIPS.has(s.type)) {
        const { w, h } = shapeSize(s)
        ctx.beginPath()
        ctx.rect(0, 0, w, h)
        ctx.clip()
      }
      for (const child of children) this.paintShape(pc, child, scene, depth + 1)
    }
    ctx.restore()
  }

  private context(
    ctx: CanvasRenderingContext2D,
    theme: PaintTheme,
    frame: BoardFrame,
    zoom: number,
  ): PaintContext {
    const repaint = () => this.repaint()
    return {
      ctx,
      theme,
      zoom,
      budget: { points: FRAME_POINTS },
      icon: (name, x, y, size, strokeWidth, color) => paintIcon(ctx, name, x, y, size, strokeWidth, color),
      image: (src) => {
        let img = this.images.get(src)
        if (!img) {
          img = new Image()
          img.onload = repaint
          img.src = src
          this.images.set(src, img)
        }
        return img.complete && img.naturalWidth > 0 ? img : null
      },
      assetSrc: (assetId) => {
        const json = typeof assetId === 'string' ? frame.records.get(assetId) : undefined
        if (!json) return null
        try {
          const src = (JSON.parse(json) as { props?: { src?: unknown } }).props?.src
          return typeof src === 'string' && (src.startsWith('/') || src.startsWith('data:image/'))
            ? src
            : null
        } catch {
          return null
        }
      },
    }
  }
}
