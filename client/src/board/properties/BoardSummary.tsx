import { COMPONENT_GROUPS } from '@mockboard/shared'
import { type Editor, useValue } from 'tldraw'

import { kindInfo } from '../../shapes/groupStyle'
import { SYSTEM_COMPONENT_TYPE } from '../../shapes/system-component/props'

/** Shown when nothing is selected: what's on the board, and how to add more. */
export function BoardSummary({ editor }: { editor: Editor }) {
  const counts = useValue(
    'component counts',
    () => {
      const byGroup = new Map<string, number>()
      for (const s of editor.getCurrentPageShapes()) {
        if (s.type !== SYSTEM_COMPONENT_TYPE) continue
        const g = kindInfo(s.props.kind).group
        byGroup.set(g, (byGroup.get(g) ?? 0) + 1)
      }
      return byGroup
    },
    [editor],
  )
  const total = [...counts.values()].reduce((a, b) => a + b, 0)
  return (
    <div className="mb-props mb-props--empty">
      <p className="mb-muted">
        Select a component to edit its technology, replicas, shard key and notes. Double-click to rename.
      </p>
      {total > 0 ? (
        <ul className="mb-summary" aria-label="Components on the board">
          {COMPONENT_GROUPS.filter((g) => counts.has(g.id)).map((g) => (
            <li key={g.id} className={`mb-group-${g.id}`}>
              <span className="mb-summary__dot" />
              {g.label}
              <strong>{counts.get(g.id)}</strong>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
