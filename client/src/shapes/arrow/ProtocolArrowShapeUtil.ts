import { ArrowShapeUtil, type TLShapeUtilCanvasSvgDef } from 'tldraw'

import { withLazyPattern } from '../lazyPatternFill'
import { ARROW_LABEL_FONT_SIZES } from './labelSizes'

/** tldraw's arrow with diagram-sized labels; replaces the default arrow util by its type. */
export class ProtocolArrowShapeUtil extends ArrowShapeUtil.configure({
  getCustomDisplayValues(_editor, shape) {
    return { labelFontSize: ARROW_LABEL_FONT_SIZES[shape.props.size] }
  },
}) {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return withLazyPattern(super.getCanvasSvgDefs())
  }
}
