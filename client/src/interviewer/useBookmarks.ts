import { addBookmark, type Bookmark, bookmarksArray, readBookmarks, replaceBookmark } from '@mockboard/shared'
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

/** Bookmarks of the private doc, oldest first, kept current. */
export function useBookmarks(doc: Y.Doc | null): BookmarkActions {
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([])

  useEffect(() => {
    if (!doc) return setBookmarks([])
    const array = bookmarksArray(doc)
    const update = () => setBookmarks(readBookmarks(doc))
    update()
    array.observe(update)
    return () => array.unobserve(update)
  }, [doc])

  const add = useCallback(
    (bookmark: Omit<Bookmark, 'id'>) => {
      const id = newId()
      if (doc) addBookmark(doc, { id, ...bookmark })
      return id
    },
    [doc],
  )
  const rename = useCallback(
    (id: string, label: string) => {
      if (doc) replaceBookmark(doc, id, (b) => ({ ...b, label }))
    },
    [doc],
  )
  const remove = useCallback(
    (id: string) => {
      if (doc) replaceBookmark(doc, id, () => null)
    },
    [doc],
  )

  return { bookmarks, add, rename, remove }
}
