import { type Static, Type } from '@sinclair/typebox'

import { HttpError } from '../errors.js'
import type { SessionRecord, Storage } from '../storage/Storage.js'

/** `:id` of every `/api/sessions/:id…` route. */
export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
export type SessionParams = Static<typeof SessionParams>

/** The session, or a 404 the client can read. */
export async function requireSession(storage: Storage, id: string): Promise<SessionRecord> {
  const record = await storage.getSession(id)
  if (!record) throw new HttpError(404, 'no such session')
  return record
}
