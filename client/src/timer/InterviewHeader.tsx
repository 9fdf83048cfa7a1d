import '../lobby/theme.css'
import './header.css'

import type { SessionInfo } from '@mockboard/shared'
import { ChevronDown, ChevronRight } from 'lucide-react'
import { useState } from 'react'
import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

import { ProblemStatement } from '../lobby/ProblemStatement.js'
import { ParticipantsList } from '../notes/ParticipantsList.js'
import { useFollowRequests } from '../notes/useFollowRequests.js'
import { useParticipants } from '../notes/useParticipants.js'
import { NextRoundButton } from '../session/NextRoundButton.js'
import type { NextRound } from '../session/useNextRound.js'
import { TimerPanel } from './TimerPanel.js'
import type { SessionDoc } from './useSessionDoc.js'

export interface InterviewHeaderProps {
  info: SessionInfo
  token: string
  /** From useControlDoc, opened once by the session page (the panels share it). */
  control: SessionDoc | null
  /** The board provider's awareness: participants and their colours. */
  awareness: Awareness | null
  /** Board and control links both up: otherwise the timer is marked possibly stale. */
  live: boolean
  /** For "follow" and "bring everyone to me" (null until the board is ready). */
  editor: Editor | null
  nextRound: NextRound
}

/**
 * Top of the session's side panel: phase timer, problem statement, who is here. Compact by
 * default (problem and people one line each) so the tabs below get the height.
 */
export function InterviewHeader({
  info,
  token,
  control,
  awareness,
  live,
  editor,
  nextRound,
}: InterviewHeaderProps) {
  const participants = useParticipants(awareness, info.role)
  useFollowRequests(awareness, editor)
  const [peopleOpen, setPeopleOpen] = useState(false)
  return (
    <div className="mb-ih">
      <TimerPanel
        doc={control?.doc ?? null}
        synced={control?.synced ?? false}
        role={info.role}
        info={info}
        token={token}
        live={live}
        nextRound={<NextRoundButton round={nextRound} role={info.role} />}
      />
      <ProblemStatement info={info} />
      <section className="mb-ih__people">
        <button
          type="button"
          className="mb-ih__toggle"
          aria-expanded={peopleOpen}
          onClick={() => setPeopleOpen(!peopleOpen)}
        >
          {peopleOpen ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
          <span className="mb-ih__label">Here now</span>
          {!peopleOpen && (
            <span className="mb-ih__faces" title={participants.map((p) => p.name).join(', ')}>
              {participants.slice(0, 6).map((p) => (
                <span key={p.clientId} className="mb-ih__face">
                  <span className="mb-ih__dot" style={{ background: p.color }} aria-hidden />
                  {p.name}
                </span>
              ))}
            </span>
          )}
          <span className="mb-ih__count">{participants.length}</span>
        </button>
        {peopleOpen && (
          <div className="mb-ih__people-body">
            <ParticipantsList
              participants={participants}
              editor={editor}
              awareness={awareness}
              localRole={info.role}
            />
          </div>
        )}
      </section>
    </div>
  )
}
