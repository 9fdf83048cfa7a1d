import { BaseBoxShapeUtil, DefaultFontFaces, type TLShapeUtilCanBindOpts } from 'tldraw'

import { kindInfo } from '../groupStyle'
import { systemComponentMigrations } from './migrations'
import {
  COMPONENT_SIZE,
  SYSTEM_COMPONENT_TYPE,
  systemComponentProps,
  type SystemComponentShape,
} from './props'
import { SystemComponentView } from './SystemComponentView'

/** A box on the diagram: load balancer, database, queue… drawn from the shared catalog. */
export class SystemComponentShapeUtil extends BaseBoxShapeUtil<SystemComponentShape> {
  static override type = SYSTEM_COMPONENT_TYPE
  static override props = systemComponentProps
  static override migrations = systemComponentMigrations

  override getDefaultProps(): SystemComponentShape['props'] {
    return {
      kind: 'service',
      label: '',
      technology: '',
      replicas: 1,
      shardKey: '',
      notes: '',
      ...COMPONENT_SIZE,
    }
  }

  // Makes tldraw load (and embed in exports) the fonts our HTML uses: without the mono face an
  // exported shard key fell back to another font whose underscore was clipped ("user id").
  override getFontFaces() {
    const { tldraw_sans: sans, tldraw_mono: mono } = DefaultFontFaces
    return [sans.normal.normal, sans.normal.bold, mono.normal.normal]
  }

  override canEdit() {
    return true
  }

  override canBind(_opts: TLShapeUtilCanBindOpts) {
    return true
  }

  override getText(shape: SystemComponentShape) {
    return [shape.props.label || kindInfo(shape.props.kind).label, shape.props.technology]
      .filter(Boolean)
      .join(' · ')
  }

  override getAriaDescriptor(shape: SystemComponentShape) {
    return `${kindInfo(shape.props.kind).label}: ${this.getText(shape)}`
  }

  override component(shape: SystemComponentShape) {
    return <SystemComponentView shape={shape} />
  }

  override getIndicatorPath(shape: SystemComponentShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 12)
    return path
  }
}
