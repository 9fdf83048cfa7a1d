import { type ComponentType, useState } from 'react'
import {
  DrawShapeUtil,
  GeoShapeUtil,
  type TLShape,
  type TLShapeUtilCanvasSvgDef,
  useEditor,
  useValue,
} from 'tldraw'

const usesPattern = (shape: TLShape) =>
  'fill' in shape.props && (shape.props as { fill?: unknown }).fill === 'pattern'

/**
 * tldraw's pattern-fill definition, mounted only once a shape on the page has a pattern fill.
 * tldraw draws the pattern's tile for every zoom level up to its widest zoom range (256× here,
 * canvases up to 2,048 px, both themes) as soon as the canvas mounts, whether or not any shape
 * uses it: about 0.8 s of main thread on a two-core machine without a GPU, before the first
 * board is painted, on the live board and on every replay. Once needed it stays mounted, so
 * scrubbing past the first patterned shape does not rebuild the tiles.
 */
function lazily(Pattern: ComponentType): ComponentType {
  return function LazyPatternFillDef() {
    const editor = useEditor()
    const [needed, setNeeded] = useState(false)
    const present = useValue('pattern fill present', () => editor.getCurrentPageShapes().some(usesPattern), [
      editor,
    ])
    if (present && !needed) setNeeded(true)
    return needed || present ? <Pattern /> : null
  }
}

const cache = new WeakMap<ComponentType, ComponentType>()

/** The same defs, the pattern one made lazy (one wrapper per tldraw component, so keys dedupe). */
export function withLazyPattern(defs: TLShapeUtilCanvasSvgDef[]): TLShapeUtilCanvasSvgDef[] {
  return defs.map((def) => {
    if (!def.key.endsWith(':pattern')) return def
    let component = cache.get(def.component)
    if (!component) cache.set(def.component, (component = lazily(def.component)))
    return { key: def.key, component }
  })
}

/** tldraw's geo shape; its pattern fill tiles are drawn when first needed. */
export class LazyPatternGeoShapeUtil extends GeoShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return withLazyPattern(super.getCanvasSvgDefs())
  }
}

/** tldraw's freehand shape; its pattern fill tiles are drawn when first needed. */
export class LazyPatternDrawShapeUtil extends DrawShapeUtil {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return withLazyPattern(super.getCanvasSvgDefs())
  }
}
