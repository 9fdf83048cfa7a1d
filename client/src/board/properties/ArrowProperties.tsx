import { PROTOCOL_LABELS } from '@mockboard/shared'
import { type Editor, renderPlaintextFromRichText, type TLArrowShape, toRichText } from 'tldraw'

import { Field } from './Field'

/** Protocol quick picks for the selected connections (REST, gRPC, async…). */
export function ArrowProperties({
  editor,
  arrows,
  readonly,
}: {
  editor: Editor
  arrows: TLArrowShape[]
  readonly: boolean
}) {
  const labels = new Set(arrows.map((a) => renderPlaintextFromRichText(editor, a.props.richText)))
  const current = labels.size === 1 ? [...labels][0]! : ''
  const setLabel = (text: string) => {
    editor.markHistoryStoppingPoint('label arrow')
    editor.updateShapes(
      arrows.map((a) => ({
        id: a.id,
        type: 'arrow' as const,
        props: { richText: toRichText(text), font: 'sans' as const },
      })),
    )
  }
  return (
    <div className="mb-props">
      <fieldset disabled={readonly} className="mb-props__fields">
        <Field label={arrows.length > 1 ? `Protocol (${arrows.length} connections)` : 'Protocol'}>
          <input
            name="protocol"
            value={current}
            placeholder="e.g. REST"
            maxLength={40}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
        </Field>
        <div className="mb-chips" aria-label="Protocol quick picks">
          {PROTOCOL_LABELS.map((p) => (
            <button
              key={p}
              type="button"
              className={`mb-chip${p === current ? ' mb-chip--active' : ''}`}
              onClick={() => setLabel(p === current ? '' : p)}
            >
              {p}
            </button>
          ))}
        </div>
        <p className="mb-muted">
          Tip: press <kbd>A</kbd> and drag from one component to another to connect them.
        </p>
      </fieldset>
    </div>
  )
}
