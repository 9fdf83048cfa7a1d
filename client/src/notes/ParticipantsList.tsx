import './participants.css'

import type { Role } from '@mockboard/shared'
import { Eye, Users } from 'lucide-react'
import { type Editor, type TLUserId, useValue } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

import { ParticipantAudioBadge } from '../voice/ParticipantAudioBadge.js'
import type { Participant } from './awarenessUser.js'
import { bringEveryone } from './useFollowRequests.js'

const ROLE_LABEL = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' } as const

interface Props {
  participants: Participant[]
  /** Present once the board is ready: enables "follow". */
  editor?: Editor | null
  awareness?: Awareness | null
  localRole?: Role
}

/** Who is here, with the colour of their cursor and their role; follow someone's viewport. */
export function ParticipantsList({ participants, editor = null, awareness = null, localRole }: Props) {
  const following = useValue('following', () => editor?.getInstanceState().followingUserId ?? null, [editor])
  if (participants.length === 0) return null
  const others = participants.some((p) => !p.isLocal)
  return (
    <>
      <ul className="mb-people" aria-label="Participants" data-testid="participants">
        {participants.map((p) => {
          const isFollowed = !!p.userId && following === p.userId
          return (
            <li
              key={p.clientId}
              className="mb-people__item"
              title={p.role ? `${p.name} · ${ROLE_LABEL[p.role]}` : p.name}
            >
              <span className="mb-people__dot" style={{ background: p.color }} aria-hidden />
              <ParticipantAudioBadge clientId={p.clientId} isLocal={p.isLocal} name={p.name} />
              <span className="mb-people__name">
                {p.name}
                {p.isLocal && <span className="mb-dim"> (you)</span>}
              </span>
              {p.role && <span className={`mb-people__role is-${p.role}`}>{ROLE_LABEL[p.role]}</span>}
              {editor && !p.isLocal && p.userId && (
                <button
                  type="button"
                  className={`mb-people__follow${isFollowed ? ' is-on' : ''}`}
                  aria-pressed={isFollowed}
                  aria-label={isFollowed ? `Stop following ${p.name}` : `Follow ${p.name}`}
                  title={isFollowed ? 'Stop following' : `Follow ${p.name}'s view`}
                  onClick={() => {
                    if (isFollowed) editor.stopFollowingUser()
                    else editor.startFollowingUser(p.userId as TLUserId)
                  }}
                >
                  <Eye size={13} aria-hidden />
                  {isFollowed ? 'Following' : 'Follow'}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {editor && awareness && localRole === 'interviewer' && others && (
        <button
          type="button"
          className="mb-btn mb-btn--sm mb-btn--ghost mb-people__bring"
          onClick={() => bringEveryone(awareness)}
          data-testid="bring-everyone"
        >
          <Users size={14} aria-hidden />
          Bring everyone to me
        </button>
      )}
    </>
  )
}
