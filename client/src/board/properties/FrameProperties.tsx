import { FRAME_KINDS } from '@mockboard/shared'
import type { Editor } from 'tldraw'

import { SYSTEM_FRAME_TYPE, type SystemFrameShape } from '../../shapes/system-frame/props'
import { Field } from './Field'

export function FrameProperties({
  editor,
  shape,
  readonly,
}: {
  editor: Editor
  shape: SystemFrameShape
  readonly: boolean
}) {
  const update = (props: Partial<Pick<SystemFrameShape['props'], 'kind' | 'label'>>) =>
    editor.updateShape({ id: shape.id, type: SYSTEM_FRAME_TYPE, props })
  return (
    <div className="mb-props">
      <fieldset disabled={readonly} className="mb-props__fields">
        <Field label="Boundary">
          <select
            name="kind"
            value={shape.props.kind}
            onChange={(e) => update({ kind: e.currentTarget.value })}
          >
            {FRAME_KINDS.map((f) => (
              <option key={f.kind} value={f.kind}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Label">
          <input
            name="label"
            value={shape.props.label}
            maxLength={60}
            onFocus={() => editor.markHistoryStoppingPoint('edit frame')}
            onChange={(e) => update({ label: e.currentTarget.value })}
          />
        </Field>
      </fieldset>
    </div>
  )
}
