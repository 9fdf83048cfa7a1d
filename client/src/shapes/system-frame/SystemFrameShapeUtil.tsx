import {
  BaseFrameLikeShapeUtil,
  DefaultFontFaces,
  Group2d,
  Rectangle2d,
  type TLShapeUtilCanBindOpts,
} from 'tldraw'

import { frameKindInfo } from '../groupStyle'
import { systemFrameMigrations } from './migrations'
import { FRAME_SIZE, SYSTEM_FRAME_TYPE, systemFrameProps, type SystemFrameShape } from './props'
import { SystemFrameView } from './SystemFrameView'

/** Height of the label tab above the frame's top edge, in page units. */
const TAB_HEIGHT = 28

/**
 * Region / availability zone / VPC boundary. Frame-like, so components dragged into it become
 * its children and move with it; hollow, so clicking inside selects what's inside, not the frame.
 */
export class SystemFrameShapeUtil extends BaseFrameLikeShapeUtil<SystemFrameShape> {
  static override type = SYSTEM_FRAME_TYPE
  static override props = systemFrameProps
  static override migrations = systemFrameMigrations

  override getDefaultProps(): SystemFrameShape['props'] {
    return { kind: 'region', label: '', ...FRAME_SIZE }
  }

  override getGeometry(shape: SystemFrameShape) {
    const labelWidth = Math.min(
      shape.props.w,
      40 + 7.5 * (shape.props.label || frameKindInfo(shape.props.kind).label).length,
    )
    return new Group2d({
      children: [
        new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false }),
        new Rectangle2d({
          x: 0,
          y: -TAB_HEIGHT,
          width: labelWidth,
          height: TAB_HEIGHT,
          isFilled: true,
          isLabel: true,
        }),
      ],
    })
  }

  // Makes tldraw load (and embed in exports) the font our HTML uses.
  override getFontFaces() {
    return [DefaultFontFaces.tldraw_sans.normal.normal, DefaultFontFaces.tldraw_sans.normal.bold]
  }

  override canEdit() {
    return true
  }

  override canBind(_opts: TLShapeUtilCanBindOpts) {
    return true
  }

  override getText(shape: SystemFrameShape) {
    return shape.props.label || frameKindInfo(shape.props.kind).label
  }

  override component(shape: SystemFrameShape) {
    return <SystemFrameView shape={shape} />
  }

  override getIndicatorPath(shape: SystemFrameShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 16)
    return path
  }
}
