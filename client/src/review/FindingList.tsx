import { type Finding, findingKey } from '@mockboard/shared'
import { BookmarkPlus } from 'lucide-react'
import type { Editor, TLShapeId } from 'tldraw'

const SEVERITY_LABEL = { risk: 'Risk', warn: 'Warning', info: 'Note' } as const

interface Props {
  findings: Finding[]
  /** The live editor: hovering a finding hints its shapes there. */
  editor: Editor | null
  /** Turns a finding into a bookmark (absent: no bookmark button). */
  onBookmark?: (finding: Finding) => void
  disabled?: boolean
}

/** The review's findings, most severe first: each says what is wrong and what to ask. */
export function FindingList({ findings, editor, onBookmark, disabled }: Props) {
  if (findings.length === 0)
    return (
      <p className="mb-review__empty" data-testid="review-empty">
        No findings: nothing on the board trips a rule.
      </p>
    )
  const hint = (ids: string[]) => {
    if (!editor) return
    editor.setHintingShapes(ids.filter((id) => editor.getShape(id as TLShapeId)) as TLShapeId[])
  }
  return (
    <ul className="mb-review__list" data-testid="review-findings" onMouseLeave={() => hint([])}>
      {findings.map((f) => (
        <li
          key={findingKey(f)}
          className={`mb-review__item mb-review__item--${f.severity}`}
          data-rule={f.rule}
          onMouseEnter={() => hint(f.shapeIds)}
          onFocus={() => hint(f.shapeIds)}
        >
          <div className="mb-review__row">
            <span className={`mb-review__sev mb-review__sev--${f.severity}`}>
              {SEVERITY_LABEL[f.severity]}
            </span>
            <code className="mb-review__rule">{f.rule}</code>
            {onBookmark && (
              <button
                type="button"
                className="mb-btn mb-btn--sm mb-review__bm"
                disabled={disabled}
                onClick={() => onBookmark(f)}
                title="Bookmark this moment with the finding attached"
                aria-label={`Bookmark: ${f.message}`}
                data-testid="finding-bookmark"
              >
                <BookmarkPlus size={13} />
              </button>
            )}
          </div>
          <p className="mb-review__msg">{f.message}</p>
          <p className="mb-review__q">Ask: {f.question}</p>
        </li>
      ))}
    </ul>
  )
}
