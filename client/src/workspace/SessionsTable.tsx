import type { WorkspaceSession } from '@mockboard/shared'
import { ArrowDown, ArrowUp, History, Trash2 } from 'lucide-react'

import { formatDate } from '../ui/dates'
import {
  type ColumnId,
  COLUMNS,
  meanScore,
  minutes,
  problemLabel,
  recommendationLabel,
} from './sessionColumns'

interface Props {
  workspaceId: string
  sessions: WorkspaceSession[]
  sort: { column: ColumnId; descending: boolean }
  onSort: (column: ColumnId) => void
  onDelete: (session: WorkspaceSession) => void
}

const date = (at: number) => `${formatDate(at, 'date')} ${formatDate(at, 'minutes')}`

/** `/s/<id>#token=…` → `/s/<id>/replay#token=…` */
const replayOf = (link: string) => link.replace(/^(\/s\/[^#/]+)#/, '$1/replay#')

/** The workspace's sessions; each header sorts by its column (again: the other way). */
export function SessionsTable({ workspaceId, sessions, sort, onSort, onDelete }: Props) {
  return (
    <div className="mb-ws__table-wrap">
      <table className="mb-ws__table" data-testid="ws-sessions">
        {/* On a phone the header becomes a row of sort buttons and each session a card (workspace.css). */}
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const on = sort.column === c.id
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={on ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" onClick={() => onSort(c.id)} data-testid={`sort-${c.id}`}>
                    {c.label}
                    {on && (sort.descending ? <ArrowDown size={12} /> : <ArrowUp size={12} />)}
                  </button>
                </th>
              )
            })}
            <th scope="col">
              <span className="mb-ws__sr">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const m = s.summary
            const ran = !!m?.startedAt
            const mean = meanScore(s)
            return (
              <tr key={s.id} data-session={s.id}>
                <td data-label="Date" className="mb-ws__nowrap">
                  {date(s.createdAt)}
                </td>
                <td data-label="Session">
                  <a href={s.interviewerLink} title="Open as the interviewer">
                    {s.title}
                  </a>
                  {s.endedAt === null && <span className="mb-ws__live">open</span>}
                </td>
                <td data-label="Problem">{problemLabel(s)}</td>
                <td data-label="Candidate">
                  {s.candidate ? (
                    <a href={`/w/${workspaceId}/c/${encodeURIComponent(s.candidate)}`}>{s.candidate}</a>
                  ) : (
                    <span className="mb-dim">—</span>
                  )}
                </td>
                <td data-label="Duration" className="mb-ws__num">
                  {ran ? minutes(m.activeMs) : ''}
                </td>
                <td data-label="Overrun" className={`mb-ws__num${ran && m.overrunMs > 0 ? ' is-over' : ''}`}>
                  {ran ? (m.overrunMs > 0 ? `+${minutes(m.overrunMs)}` : 'on time') : ''}
                </td>
                <td data-label="Avg score" className="mb-ws__num">
                  {mean === null ? '' : mean.toFixed(1)}
                </td>
                <td data-label="Recommendation">{recommendationLabel(s)}</td>
                <td className="mb-ws__row-actions">
                  {s.endedAt !== null && (
                    <a className="mb-btn mb-btn--sm" href={replayOf(s.interviewerLink)}>
                      <History size={14} />
                      Replay
                    </a>
                  )}
                  <button
                    type="button"
                    className="mb-btn mb-btn--sm mb-btn--ghost mb-btn--icon"
                    aria-label={`Delete ${s.title}`}
                    title="Delete this session for good"
                    onClick={() => onDelete(s)}
                  >
                    <Trash2 size={14} />
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
