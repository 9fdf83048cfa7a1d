import { boardNotesText, type Review, type SessionInfo } from '@mockboard/shared'
import { type ReactNode, useMemo } from 'react'
import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'

import type { PanelTab } from '../board/RightPanel'
import { ServerClockProvider, useMeasuredClock } from '../clock/useServerClock.js'
import { LazyInterviewerPanel } from '../interviewer/LazyInterviewerPanel.js'
import { LazyNotesPanel } from '../notes/LazyNotesPanel.js'
import { EstimatesCard } from '../review/EstimatesCard.js'
import { useNextRound } from '../session/useNextRound.js'
import type { ConnectionState } from '../sync/connectionState.js'
import { InterviewHeader } from './InterviewHeader.js'
import { useControlDoc } from './useControlDoc.js'
import type { SessionDoc } from './useSessionDoc.js'
import { useSessionEnded } from './useTimerState.js'

export interface InterviewPanelsOptions {
  info: SessionInfo
  token: string
  /** The board connection's doc and awareness (null while connecting). */
  boardDoc: Y.Doc | null
  awareness: Awareness | null
  /** The board link's state: while it is down (network), the timer is marked possibly stale too. */
  boardState: ConnectionState
  /** The live editor, for following participants (null until the board is ready). */
  editor: Editor | null
  /** The live board's design review, for the coach's panel. */
  review: Review | null
}

export interface InterviewPanels {
  /** Timer, problem statement and participants: the top of the side panel. */
  header: ReactNode
  /** "Notes" for everyone, "Interviewer" for the interviewer only. */
  tabs: PanelTab[]
  /** The session ended: the server refuses every write, so the whole page turns read-only. */
  ended: boolean
  /** The control doc, for the status pill and the fatal-close banner. */
  control: SessionDoc | null
}

/**
 * Everything issue 4 adds to the session page, as one seam: opens the control doc once, measures
 * the server clock once, and hands back the side panel's header and tabs.
 */
export function useInterviewPanels(options: InterviewPanelsOptions): InterviewPanels {
  const { info, token, boardDoc, awareness, boardState, editor, review } = options
  const control = useControlDoc(info.id, token)
  // A network drop takes every doc down together; a board refused for good leaves the timer exact.
  const live = control?.state === 'connected' && boardState !== 'reconnecting' && boardState !== 'offline'
  const nextRound = useNextRound(control, info, token)
  const ended = useSessionEnded(control?.doc, info.endedAt)
  const clock = useMeasuredClock()
  const controlDoc = control?.doc ?? null

  const header = useMemo(
    () => (
      <ServerClockProvider clock={clock}>
        <InterviewHeader
          info={info}
          token={token}
          control={control}
          awareness={awareness}
          live={live}
          editor={editor}
          nextRound={nextRound}
        />
      </ServerClockProvider>
    ),
    [clock, info, token, control, awareness, live, editor, nextRound],
  )

  const tabs = useMemo(() => {
    const list: PanelTab[] = [
      {
        id: 'notes',
        label: 'Notes',
        render: () =>
          boardDoc ? (
            <>
              <EstimatesCard doc={boardDoc} readOnly={info.role === 'observer' || ended} />
              <LazyNotesPanel
                ytext={boardNotesText(boardDoc)}
                awareness={awareness}
                readOnly={info.role === 'observer' || ended}
              />
            </>
          ) : null,
      },
    ]
    if (info.role === 'interviewer') {
      list.push({
        id: 'interviewer',
        label: 'Interviewer',
        render: () => (
          <ServerClockProvider clock={clock}>
            <LazyInterviewerPanel
              info={info}
              token={token}
              controlDoc={controlDoc}
              ended={ended}
              review={review}
              editor={editor}
            />
          </ServerClockProvider>
        ),
      })
    }
    return list
  }, [boardDoc, awareness, info, token, ended, clock, controlDoc, review, editor])

  return { header, tabs, ended, control }
}
