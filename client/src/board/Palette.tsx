import { COMPONENT_GROUPS, componentRank, FRAME_KINDS, matchRank, searchComponents } from '@mockboard/shared'
import { Search, X } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { Editor } from 'tldraw'

import { groupClass } from '../shapes/groupStyle'
import { iconFor } from '../shapes/icons'
import { PALETTE_MIME, type PaletteItem, placeShape } from './placeShape'

interface Entry {
  item: PaletteItem
  label: string
  icon: string
  group: string
  hint: string
  /** Search rank (lower is better); 0 without a query. */
  rank: number
}

interface Found {
  byGroup: Map<string, Entry[]>
  /** What Enter in the search box adds: the best-ranked entry, catalog order breaking ties. */
  best: Entry | undefined
}

function search(query: string): Found {
  const byGroup = new Map<string, Entry[]>()
  const all: Entry[] = []
  const add = (entry: Entry) => {
    byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry])
    all.push(entry)
  }
  const q = query.trim()
  for (const k of searchComponents(q)) {
    const hint = k.technologies.slice(0, 3).join(', ')
    add({
      item: { type: 'component', kind: k.kind },
      label: k.label,
      icon: k.icon,
      group: k.group,
      hint,
      rank: q ? componentRank(q, k)! : 0,
    })
  }
  for (const f of FRAME_KINDS) {
    const rank = q ? matchRank(q, f.label, [f.kind, 'frame', 'boundary']) : 0
    if (rank !== null)
      add({
        item: { type: 'frame', kind: f.kind },
        label: f.label,
        icon: f.icon,
        group: 'frames',
        hint: 'Boundary',
        rank,
      })
  }
  const best = q
    ? all.reduce<Entry | undefined>((b, e) => (!b || e.rank < b.rank ? e : b), undefined)
    : undefined
  return { byGroup, best }
}

/** Left rail: the component library, grouped and searchable; click places, drag drops. */
export function Palette({
  editor,
  disabled,
  disabledReason,
}: {
  editor: Editor | null
  disabled: boolean
  disabledReason?: string
}) {
  const [query, setQuery] = useState('')
  const { byGroup: groups, best } = useMemo(() => search(query), [query])
  const place = (item: PaletteItem) => {
    if (!editor || disabled) return
    placeShape(editor, item)
    editor.getContainer().focus()
  }

  return (
    <aside className="mb-palette" aria-label="Component library">
      <div className="mb-palette__search">
        <Search size={15} aria-hidden />
        <input
          type="search"
          value={query}
          placeholder="Search components"
          aria-label="Search components"
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('')
            if (e.key === 'Enter' && best) place(best.item)
          }}
        />
        {query ? (
          <button
            type="button"
            className="mb-icon-button"
            aria-label="Clear search"
            onClick={() => setQuery('')}
          >
            <X size={14} />
          </button>
        ) : null}
      </div>
      <div className="mb-palette__scroll">
        {groups.size === 0 ? <p className="mb-palette__empty">Nothing matches “{query}”.</p> : null}
        {COMPONENT_GROUPS.filter((g) => groups.has(g.id)).map((g) => (
          <section key={g.id} className="mb-palette__group" aria-label={g.label}>
            <h2 className="mb-palette__heading">{g.label}</h2>
            <div className="mb-palette__grid">
              {groups.get(g.id)!.map((entry) => {
                const Icon = iconFor(entry.icon)
                return (
                  <button
                    key={entry.item.kind}
                    type="button"
                    className={`mb-palette__item ${groupClass(g.id)}${entry === best ? ' mb-palette__item--best' : ''}`}
                    draggable={!disabled}
                    disabled={disabled}
                    title={entry.hint ? `${entry.label} — ${entry.hint}` : entry.label}
                    data-kind={entry.item.kind}
                    onClick={() => place(entry.item)}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(entry.item))
                      e.dataTransfer.effectAllowed = 'copy'
                    }}
                  >
                    <span className="mb-palette__icon">
                      <Icon size={16} strokeWidth={1.9} aria-hidden />
                    </span>
                    <span className="mb-palette__label">{entry.label}</span>
                  </button>
                )
              })}
            </div>
          </section>
        ))}
      </div>
      <p className="mb-palette__tip">
        {disabled
          ? (disabledReason ?? 'The board is read-only.')
          : 'Click to add at the centre, or drag onto the board.'}
      </p>
    </aside>
  )
}
