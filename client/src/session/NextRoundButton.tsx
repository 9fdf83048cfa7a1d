import type { Role } from '@mockboard/shared'
import { ArrowLeftRight } from 'lucide-react'

import type { NextRound } from './useNextRound'

const LABEL: Record<Role, string> = {
  interviewer: 'interviewer',
  candidate: 'candidate',
  observer: 'observer',
}
const NEXT_ROLE: Record<Role, Role> = {
  interviewer: 'candidate',
  candidate: 'interviewer',
  observer: 'observer',
}

/** On the ended board: "Next round, swap roles" (or follow the round the partner started). */
export function NextRoundButton({ round, role }: { round: NextRound; role: Role }) {
  if (role === 'observer' && !round.started) return null
  const joining = round.status === 'joining'
  const label = joining
    ? `Joining as ${LABEL[NEXT_ROLE[role]]}…`
    : round.started
      ? `Join the next round as ${LABEL[NEXT_ROLE[role]]}`
      : 'Next round: swap roles'
  return (
    <div className="mb-nextround">
      <button
        type="button"
        className="mb-btn mb-btn--sm"
        data-testid="next-round"
        disabled={joining}
        onClick={round.join}
        title="Same problem and plan; interviewer and candidate swap. Your partner's page follows."
      >
        <ArrowLeftRight size={14} aria-hidden />
        {label}
      </button>
      {round.error && (
        <p className="mb-err" role="alert">
          Could not start the next round: {round.error}
        </p>
      )}
    </div>
  )
}
