import { DefaultFontFaces, BaseBoxShapeUtil, type TLShapeUtilCanBindOpts } from 'tldraw'
import { kindInfo } from '../groupStyle'
import { systemComponentMigrations } from './migrations'
import { COMPONENT_SIZE, SYSTEM_COMPONENT_TYPE, systemComponentProps, type SystemComponentShape } from './props'
import { SystemComponentView } from './SystemComponentView'

/** A box on the diagram: load balancer, database, queue… drawn from the shared catalog. */
export class SystemComponentShapeUtil extends BaseBoxShapeUtil<SystemComponentShape> {
  static override type = SYSTEM_COMPONENT_TYPE
  static override props = systemComponentProps
  static override migrations = systemComponentMigrations

  override getDefaultProps(): SystemComponentShape['props'] {
    return { kind: 'service', label: '', technology: '', replicas: 1, shardKey: '', notes: '', ...COMPONENT_SIZE }
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

  override getText(shape: SystemComponentShape) {
    return [shape.props.label || kindInfo(shape.props.kind).label, shape.props.technology].filter(Boolean).join(' · ')
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
