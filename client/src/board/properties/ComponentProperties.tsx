import type { Editor } from 'tldraw'

import { groupClass, groupLabel, kindInfo } from '../../shapes/groupStyle'
import { iconFor } from '../../shapes/icons'
import {
  MAX_REPLICAS,
  SYSTEM_COMPONENT_TYPE,
  type SystemComponentShape,
} from '../../shapes/system-component/props'
import { Field } from './Field'

type Editable = Partial<
  Pick<SystemComponentShape['props'], 'label' | 'technology' | 'replicas' | 'shardKey' | 'notes'>
>

/** Edits one selected component; every keystroke syncs, like typing on the canvas. */
export function ComponentProperties({
  editor,
  shape,
  readonly,
}: {
  editor: Editor
  shape: SystemComponentShape
  readonly: boolean
}) {
  const info = kindInfo(shape.props.kind)
  const Icon = iconFor(info.icon)
  const update = (props: Editable) => editor.updateShape({ id: shape.id, type: SYSTEM_COMPONENT_TYPE, props })
  const listId = `tech-${shape.props.kind}`
  // One undo step per field edit rather than per keystroke.
  const mark = () => editor.markHistoryStoppingPoint('edit properties')

  return (
    <div className="mb-props">
      <header className={`mb-props__header ${groupClass(info.group)}`}>
        <span className="mb-props__icon">
          <Icon size={18} aria-hidden />
        </span>
        <div>
          <div className="mb-props__kind">{info.label}</div>
          <div className="mb-props__group">{groupLabel(info.group)}</div>
        </div>
      </header>
      <fieldset disabled={readonly} className="mb-props__fields">
        <Field label="Label">
          <input
            name="label"
            value={shape.props.label}
            placeholder={info.label}
            maxLength={80}
            onFocus={mark}
            onChange={(e) => update({ label: e.currentTarget.value })}
          />
        </Field>
        <Field label="Technology">
          <input
            name="technology"
            list={listId}
            value={shape.props.technology}
            placeholder={info.technologies[0] ?? 'e.g. in-house'}
            maxLength={60}
            onFocus={mark}
            onChange={(e) => update({ technology: e.currentTarget.value })}
          />
          <datalist id={listId}>
            {info.technologies.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
        {info.technologies.length ? (
          <div className="mb-chips" aria-label="Technology suggestions">
            {info.technologies.map((t) => (
              <button
                key={t}
                type="button"
                className={`mb-chip${t === shape.props.technology ? ' mb-chip--active' : ''}`}
                onClick={() => {
                  mark()
                  update({ technology: t })
                }}
              >
                {t}
              </button>
            ))}
          </div>
        ) : null}
        <div className="mb-props__row">
          <Field label="Replicas">
            <input
              name="replicas"
              type="number"
              min={1}
              max={MAX_REPLICAS}
              value={shape.props.replicas}
              onFocus={mark}
              onChange={(e) => {
                const n = Math.round(Number(e.currentTarget.value))
                if (Number.isFinite(n) && n >= 1 && n <= MAX_REPLICAS) update({ replicas: n })
              }}
            />
          </Field>
          <Field label="Shard key">
            <input
              name="shardKey"
              value={shape.props.shardKey}
              placeholder="e.g. user_id"
              maxLength={40}
              onFocus={mark}
              onChange={(e) => update({ shardKey: e.currentTarget.value })}
            />
          </Field>
        </div>
        <Field label="Notes">
          <textarea
            name="notes"
            rows={4}
            value={shape.props.notes}
            placeholder="Why this choice, limits, failure modes…"
            maxLength={2000}
            onFocus={mark}
            onChange={(e) => update({ notes: e.currentTarget.value })}
          />
        </Field>
      </fieldset>
    </div>
  )
}
