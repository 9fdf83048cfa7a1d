import { type ReactNode, useState } from 'react'
import type { Editor } from 'tldraw'

import { PropertiesPanel } from './properties/PropertiesPanel'
import { useShowPropertiesOnSelect } from './properties/useShowPropertiesOnSelect'
import { returnFocusToBoard } from './returnFocusToBoard'

/** A tab of the right-hand panel; later issues add timer, notes and interviewer tabs. */
export interface PanelTab {
  id: string
  label: string
  render(): ReactNode
}

export function RightPanel({
  editor,
  readonly,
  extraTabs = [],
  header,
  initialTab,
}: {
  editor: Editor | null
  readonly: boolean
  extraTabs?: PanelTab[]
  header?: ReactNode
  initialTab?: string
}) {
  const tabs: PanelTab[] = [
    {
      id: 'properties',
      label: 'Properties',
      render: () => (editor ? <PropertiesPanel editor={editor} readonly={readonly} /> : null),
    },
    ...extraTabs,
  ]
  const [active, setActive] = useState(initialTab ?? tabs[0]!.id)
  const current = tabs.find((t) => t.id === active) ?? tabs[0]!
  useShowPropertiesOnSelect(editor, () => setActive('properties'))
  return (
    <aside className="mb-right" aria-label="Side panel" onKeyDown={(e) => returnFocusToBoard(editor, e)}>
      {header}
      <div className="mb-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            type="button"
            aria-selected={t.id === current.id}
            className="mb-tab"
            onClick={() => setActive(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Every tab stays mounted (hidden when inactive): editors keep their undo history and the
          interviewer's B shortcut works whichever tab is showing. */}
      {tabs.map((t) => (
        <div key={t.id} className="mb-right__body" role="tabpanel" hidden={t.id !== current.id}>
          {t.render()}
        </div>
      ))}
    </aside>
  )
}
