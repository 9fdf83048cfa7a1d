import { ArrowShapeUtil, type TLDefaultSizeStyle, type TLShapeUtilCanvasSvgDef } from 'tldraw'

import { withLazyPattern } from '../lazyPatternFill'

/**
 * Label sizes for arrows, in px. tldraw's defaults (20 px at size m) are sized for sketches; on an
 * architecture diagram the protocol ("WebSocket", "gRPC") is secondary to the cards it joins. More
 * to the point, tldraw squeezes a label to 64 px on a short horizontal arrow and then breaks it
 * mid-word ("WebSock|et"); at 12 px every protocol quick pick fits in those 64 px on one line.
 */
const LABEL_FONT_SIZES: Record<TLDefaultSizeStyle, number> = { s: 11, m: 12, l: 15, xl: 19 }

/** tldraw's arrow with diagram-sized labels; replaces the default arrow util by its type. */
export class ProtocolArrowShapeUtil extends ArrowShapeUtil.configure({
  getCustomDisplayValues(_editor, shape) {
    return { labelFontSize: LABEL_FONT_SIZES[shape.props.size] }
  },
}) {
  override getCanvasSvgDefs(): TLShapeUtilCanvasSvgDef[] {
    return withLazyPattern(super.getCanvasSvgDefs())
  }
}
