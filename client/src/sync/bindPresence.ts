import {
  createPresenceStateDerivation,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** Awareness field holding a client's tldraw `instance_presence` record. */
export const PRESENCE_FIELD = 'presence'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * Publishes our cursor, selection and camera through awareness and mirrors everyone else's as
 * `instance_presence` records, which tldraw draws as cursors, selections and the people menu.
 */
export function bindPresence(store: TLStore, awareness: Awareness, $user: Signal<TLUser | null>): () => void {
  const $presence = createPresenceStateDerivation($user)(store)
  const stopPublishing = react('publish presence', () => {
    awareness.setLocalStateField(PRESENCE_FIELD, $presence.get())
  })

  const byClient = new Map<number, TLInstancePresence['id']>()

  const apply = ({ added, updated, removed }: AwarenessChange) => {
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    const states = awareness.getStates()
    for (const client of [...added, ...updated]) {
      if (client === awareness.clientID) continue
      const presence = states.get(client)?.[PRESENCE_FIELD] as TLInstancePresence | null | undefined
      const previous = byClient.get(client)
      if (presence && presence.typeName === 'instance_presence') {
        if (previous && previous !== presence.id) toRemove.push(previous)
        byClient.set(client, presence.id)
        toPut.push(presence)
      } else if (previous) {
        toRemove.push(previous)
        byClient.delete(client)
      }
    }
    for (const client of removed) {
      const previous = byClient.get(client)
      if (previous) toRemove.push(previous)
      byClient.delete(client)
    }
    if (!toPut.length && !toRemove.length) return
    try {
      store.mergeRemoteChanges(() => {
        const gone = toRemove.filter((id) => store.has(id))
        if (gone.length) store.remove(gone)
        if (toPut.length) store.put(toPut)
      })
    } catch (e) {
      // A peer on another build may send presence we can't validate; cursors are not worth a crash.
      console.warn('ignored invalid presence', e)
    }
  }

  apply({ added: Array.from(awareness.getStates().keys()), updated: [], removed: [] })
  awareness.on('change', apply)

  return () => {
    awareness.off('change', apply)
    stopPublishing()
    awareness.setLocalStateField(PRESENCE_FIELD, null)
    const ids = Array.from(byClient.values()).filter((id) => store.has(id))
    if (ids.length) store.mergeRemoteChanges(() => store.remove(ids))
    byClient.clear()
  }
}
