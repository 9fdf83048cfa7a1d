import { useEffect } from 'react'
import type { Editor, TLUserId } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

import { participantOf } from './awarenessUser.js'

/** Awareness field the interviewer sets to ask every page to follow their viewport. */
export const BRING_FIELD = 'bringEveryone'

/** Asks everyone on the board to follow this (interviewer's) viewport. */
export function bringEveryone(awareness: Awareness): void {
  awareness.setLocalStateField(BRING_FIELD, Date.now())
}

/**
 * Obeys "bring everyone to me": when the interviewer raises a new request, this page starts
 * following them (any pan or zoom of one's own ends it, as in tldraw). Requests raised before
 * this page joined are ignored, so a late joiner is not dragged along by an old click.
 */
export function useFollowRequests(awareness: Awareness | null, editor: Editor | null): void {
  useEffect(() => {
    if (!awareness || !editor) return
    const seen = new Map<number, unknown>()
    for (const [client, state] of awareness.getStates()) seen.set(client, state[BRING_FIELD])
    const onChange = () => {
      for (const [client, state] of awareness.getStates()) {
        const request: unknown = state[BRING_FIELD]
        if (client === awareness.clientID || request === undefined || seen.get(client) === request) continue
        seen.set(client, request)
        const who = participantOf(client, state, awareness.clientID)
        if (who?.role === 'interviewer' && who.userId) editor.startFollowingUser(who.userId as TLUserId)
      }
    }
    awareness.on('change', onChange)
    return () => awareness.off('change', onChange)
  }, [awareness, editor])
}
