import { ProtocolArrowShapeUtil } from './arrow/ProtocolArrowShapeUtil'
import { LazyPatternDrawShapeUtil, LazyPatternGeoShapeUtil } from './lazyPatternFill'
import { SystemComponentShapeUtil } from './system-component/SystemComponentShapeUtil'
import { SystemFrameShapeUtil } from './system-frame/SystemFrameShapeUtil'

/**
 * Defined once at module scope: a new array per render would remount the editor. tldraw's geo,
 * freehand and arrow shapes are replaced by their type with versions that draw pattern-fill
 * tiles only once a shape uses them (lazyPatternFill.tsx).
 */
export const customShapeUtils = [
  SystemComponentShapeUtil,
  SystemFrameShapeUtil,
  ProtocolArrowShapeUtil,
  LazyPatternGeoShapeUtil,
  LazyPatternDrawShapeUtil,
] as const
