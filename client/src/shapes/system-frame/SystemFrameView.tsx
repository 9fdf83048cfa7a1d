import { HTMLContainer, useEditor, useIsEditing } from 'tldraw'

import { frameKindInfo } from '../groupStyle'
import { iconFor } from '../icons'
import { LabelEditor } from '../LabelEditor'
import type { SystemFrameShape } from './props'

export function SystemFrameView({ shape }: { shape: SystemFrameShape }) {
  const editor = useEditor()
  const isEditing = useIsEditing(shape.id)
  const info = frameKindInfo(shape.props.kind)
  const Icon = iconFor(info.icon)
  return (
    <HTMLContainer
      id={shape.id}
      className={`mb-frame mb-frame--${info.dash}`}
      style={{ width: shape.props.w, height: shape.props.h }}
      data-kind={shape.props.kind}
    >
      <div className="mb-frame__tab">
        <Icon size={14} strokeWidth={2} aria-hidden />
        {isEditing ? (
          <LabelEditor
            className="mb-frame__label-input"
            value={shape.props.label}
            placeholder={info.label}
            onChange={(label) => editor.updateShape({ id: shape.id, type: shape.type, props: { label } })}
            onDone={() => editor.setEditingShape(null)}
          />
        ) : (
          <span>{shape.props.label || info.label}</span>
        )}
      </div>
    </HTMLContainer>
  )
}
