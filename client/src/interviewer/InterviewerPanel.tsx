import '../lobby/theme.css'
import './interviewer.css'

import {
  type Finding,
  privateNotesText,
  readTimerEvents,
  type Review,
  type SessionInfo,
} from '@mockboard/shared'
import { BookmarkPlus, Lock } from 'lucide-react'
import { useCallback, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'

import { useServerClock } from '../clock/useServerClock.js'
import { LazyNotesPanel } from '../notes/LazyNotesPanel.js'
import { DesignReviewSection } from '../review/DesignReviewSection.js'
import { closeMessage } from '../sync/closeMessage.js'
import { useTimerState } from '../timer/useTimerState.js'
import { BookmarkList } from './BookmarkList.js'
import { CandidateSettings } from './CandidateSettings.js'
import { evidenceMoments } from './evidenceMoments.js'
import type { EvidenceSource } from './EvidencePicker.js'
import { ReportActions } from './ReportActions.js'
import { RubricForm } from './RubricForm.js'
import { useBookmarks } from './useBookmarks.js'
import { useBookmarkShortcut } from './useBookmarkShortcut.js'
import { usePrivateDoc } from './usePrivateDoc.js'
import { useRubric } from './useRubric.js'

export interface InterviewerPanelProps {
  info: SessionInfo
  token: string
  /** The control doc, for the current phase and the start time bookmarks are relative to. */
  controlDoc: Y.Doc | null
  /** The session ended: the server freezes the private doc too. */
  ended: boolean
  /** The live board's design review (null while the board loads). */
  review: Review | null
  /** The live editor: hovering a finding highlights its shapes. */
  editor: Editor | null
}

/**
 * The interviewer's private panel (bookmarks, rubric, private notes, report). Render it only
 * for the interviewer: it opens the `private` doc, which no other role may receive. Keep it
 * mounted while another tab shows (hide it instead): the B shortcut lives as long as it does.
 */
export function InterviewerPanel({ info, token, controlDoc, ended, review, editor }: InterviewerPanelProps) {
  const priv = usePrivateDoc(info.id, token, info.role)
  const doc = priv?.synced ? priv.doc : null
  const clock = useServerClock()
  const { state, plan } = useTimerState(controlDoc, info.phases)
  const bookmarks = useBookmarks(doc)
  const rubric = useRubric(doc)
  const [focusId, setFocusId] = useState<string | null>(null)
  const readOnly = ended || !doc

  const addBookmark = useCallback(() => {
    if (readOnly || !clock.ready) return
    setFocusId(bookmarks.add({ at: clock.now(), phaseIndex: state?.phaseIndex ?? 0, label: '' }))
  }, [readOnly, clock, bookmarks, state])
  useBookmarkShortcut(info.role === 'interviewer' && !readOnly, addBookmark)
  const bookmarkFinding = useCallback(
    (f: Finding) => {
      if (readOnly || !clock.ready) return
      const finding = { rule: f.rule, shapeIds: f.shapeIds, message: f.message }
      bookmarks.add({ at: clock.now(), phaseIndex: state?.phaseIndex ?? 0, label: f.message, finding })
    },
    [readOnly, clock, bookmarks, state],
  )

  // Timer events only change with the timer's state, which `state` follows.
  const evidence = useMemo<EvidenceSource>(
    () => ({
      moments: evidenceMoments(bookmarks.bookmarks, controlDoc ? readTimerEvents(controlDoc) : [], plan),
      findings: review?.findings ?? [],
      startedAt: state?.startedAt ?? null,
      now: () => (clock.ready ? clock.now() : null),
    }),
    [bookmarks.bookmarks, controlDoc, plan, review, state, clock],
  )

  if (info.role !== 'interviewer') return null
  if (priv?.fatalCode) {
    const { title, message } = closeMessage(priv.fatalCode)
    return (
      <div className="mb-iv mb-iv__empty" role="alert">
        <strong>Private panel: {title}</strong> {message}
      </div>
    )
  }

  return (
    <div className="mb-iv" data-testid="interviewer-panel">
      <p className="mb-iv__private">
        <Lock size={12} /> Only you can see this panel{ended ? ' · locked since the session ended' : ''}
      </p>
      {priv && priv.synced && priv.state !== 'connected' && (
        <p className="mb-iv__private" role="status" data-testid="private-stale">
          Reconnecting… your bookmarks and scores are kept here and saved when the link is back.
        </p>
      )}

      <section className="mb-iv__section">
        <div className="mb-iv__section-head">
          <h3>Bookmarks</h3>
          <button
            className="mb-btn mb-btn--sm mb-btn--primary"
            data-testid="bookmark-add"
            disabled={readOnly}
            onClick={addBookmark}
            title="Bookmark this moment (B, or Ctrl/⌘+Shift+B while typing)"
          >
            <BookmarkPlus size={14} />
            Bookmark <kbd>B</kbd>
          </button>
        </div>
        <BookmarkList
          bookmarks={bookmarks.bookmarks}
          plan={plan}
          startedAt={state?.startedAt ?? null}
          focusId={focusId}
          readOnly={readOnly}
          onRename={bookmarks.rename}
          onRemove={bookmarks.remove}
        />
      </section>

      <DesignReviewSection
        review={review}
        editor={editor}
        controlDoc={controlDoc}
        readOnly={readOnly}
        onBookmark={bookmarkFinding}
      />

      <section className="mb-iv__section">
        <div className="mb-iv__section-head">
          <h3>Rubric</h3>
          {!ended && <span className="mb-dim mb-iv__small">Scores stay editable after the session ends</span>}
        </div>
        <RubricForm rubric={rubric} readOnly={readOnly} evidence={evidence} />
      </section>

      <section className="mb-iv__section">
        <div className="mb-iv__section-head">
          <h3>Private notes</h3>
        </div>
        <div className="mb-iv__notes">
          {doc && (
            <LazyNotesPanel
              ytext={privateNotesText(doc)}
              awareness={null}
              readOnly={readOnly}
              placeholder="Only you see these notes."
              testId="private-notes"
            />
          )}
        </div>
      </section>

      <section className="mb-iv__section">
        <div className="mb-iv__section-head">
          <h3>Candidate</h3>
        </div>
        <CandidateSettings sessionId={info.id} token={token} />
      </section>

      <section className="mb-iv__section">
        <div className="mb-iv__section-head">
          <h3>Report</h3>
        </div>
        <ReportActions sessionId={info.id} token={token} />
      </section>
    </div>
  )
}
