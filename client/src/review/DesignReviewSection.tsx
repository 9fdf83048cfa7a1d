import './review.css'

import { type Finding, type Review, writeReviewBadges } from '@mockboard/shared'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'

import { FindingList } from './FindingList.js'
import { useReviewBadges } from './useReviewBadges.js'

interface Props {
  review: Review | null
  editor: Editor | null
  /** The control doc: the badges toggle is a session setting everyone's board follows. */
  controlDoc: Y.Doc | null
  readOnly: boolean
  onBookmark(finding: Finding): void
}

/** The coach's live design review: findings to ask about, and the switch that shows them to the pair. */
export function DesignReviewSection({ review, editor, controlDoc, readOnly, onBookmark }: Props) {
  const badges = useReviewBadges(controlDoc)
  return (
    <section className="mb-iv__section" data-testid="design-review">
      <div className="mb-iv__section-head">
        <h3>Design review</h3>
        <span className="mb-dim mb-iv__small">{review ? `${review.findings.length} findings` : ''}</span>
      </div>
      <label className="mb-review__toggle">
        <input
          type="checkbox"
          checked={badges}
          disabled={!controlDoc || readOnly}
          data-testid="review-badges-toggle"
          onChange={(e) => controlDoc && writeReviewBadges(controlDoc, e.target.checked)}
        />
        Review: show findings as badges on the board for everyone
      </label>
      {review && (
        <FindingList findings={review.findings} editor={editor} onBookmark={onBookmark} disabled={readOnly} />
      )}
    </section>
  )
}
