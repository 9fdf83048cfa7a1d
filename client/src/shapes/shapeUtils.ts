import { ProtocolArrowShapeUtil } from './arrow/ProtocolArrowShapeUtil'
import { SystemComponentShapeUtil } from './system-component/SystemComponentShapeUtil'
import { SystemFrameShapeUtil } from './system-frame/SystemFrameShapeUtil'

/** Defined once at module scope: a new array per render would remount the editor. */
export const customShapeUtils = [
  SystemComponentShapeUtil,
  SystemFrameShapeUtil,
  ProtocolArrowShapeUtil,
] as const
