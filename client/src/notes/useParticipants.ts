import type { Role } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import { getUserPreferences, setUserPreferences } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

import { codemirrorUser, colourToTake, type Participant, participantOf } from './awarenessUser.js'

/**
 * Everyone present on the board, and keeps this client's `user` (for notes carets) and `role`
 * awareness fields in step with its board presence, so a rename in tldraw's people menu shows up
 * in the notes too.
 */
export function useParticipants(awareness: Awareness | null, localRole: Role | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([])

  useEffect(() => {
    if (!awareness) return setParticipants([])
    if (localRole) awareness.setLocalStateField('role', localRole)
    const update = () => {
      const list: Participant[] = []
      for (const [clientId, state] of awareness.getStates()) {
        const p = participantOf(clientId, state, awareness.clientID)
        if (p) list.push(p)
      }
      // Me first, then by name: a stable order that doesn't jump as cursors move.
      list.sort(
        (a, b) =>
          Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
      )
      setParticipants((prev) => (sameList(prev, list) ? prev : list))
      const me = list.find((p) => p.isLocal)
      const colour = me
        ? colourToTake(
            me,
            list.filter((p) => !p.isLocal),
          )
        : null
      // The board's presence reads tldraw's user preferences: changing them recolours cursor and caret.
      if (colour && me?.userId) setUserPreferences({ ...getUserPreferences(), color: colour })
      const current = awareness.getLocalState()?.user as { name?: string; color?: string } | undefined
      if (me && (current?.name !== me.name || current?.color !== me.color))
        awareness.setLocalStateField('user', codemirrorUser(me.name, me.color))
    }
    update()
    // 'change' fires only when a state's content changes, not on every heartbeat.
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, localRole])

  return participants
}

function sameList(a: Participant[], b: Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]
      if (!q) return false
      return (
        p.clientId === q.clientId &&
        p.name === q.name &&
        p.color === q.color &&
        p.role === q.role &&
        p.userId === q.userId
      )
    })
  )
}
