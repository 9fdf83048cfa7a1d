import { type Bookmark, PrivateKeys } from '@mockboard/shared'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

export interface BookmarkActions {
  bookmarks: Bookmark[]
  add(bookmark: Omit<Bookmark, 'id'>): string
  rename(id: string, label: string): void
  remove(id: string): void
}

function newId(): string {
  return crypto.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

/** Bookmarks of the private doc, oldest first; entries are plain objects, replaced whole on edit. */
export function useBookmarks(doc: Y.Doc | null): BookmarkActions {
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([])

  useEffect(() => {
    if (!doc) return setBookmarks([])
    const array = doc.getArray<Bookmark>(PrivateKeys.bookmarks)
    const update = () =>
      setBookmarks(
        array
          .toArray()
          .filter((b) => b && typeof b.at === 'number')
          .sort((a, b) => a.at - b.at),
      )
    update()
    array.observe(update)
    return () => array.unobserve(update)
  }, [doc])

  const add = useCallback(
    (bookmark: Omit<Bookmark, 'id'>) => {
      const id = newId()
      doc?.getArray<Bookmark>(PrivateKeys.bookmarks).push([{ id, ...bookmark }])
      return id
    },
    [doc],
  )

  const replace = useCallback(
    (id: string, change: (b: Bookmark) => Bookmark | null) => {
      if (!doc) return
      const array = doc.getArray<Bookmark>(PrivateKeys.bookmarks)
      doc.transact(() => {
        const index = array.toArray().findIndex((b) => b?.id === id)
        const current = array.get(index)
        if (index < 0 || !current) return
        const next = change(current)
        array.delete(index, 1)
        if (next) array.insert(index, [next])
      })
    },
    [doc],
  )

  const rename = useCallback((id: string, label: string) => replace(id, (b) => ({ ...b, label })), [replace])
  const remove = useCallback((id: string) => replace(id, () => null), [replace])

  return { bookmarks, add, rename, remove }
}
