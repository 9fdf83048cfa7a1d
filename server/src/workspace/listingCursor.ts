import { HttpError } from '../errors.js'
import type { ListingCursor } from '../storage/Storage.js'

/** Before every session: the first page's cursor. */
export const FIRST_PAGE: ListingCursor = { createdAt: Number.MAX_SAFE_INTEGER, id: '' }

/** `<created_at>.<base64url id>`: opaque to clients, they only hand back the previous page's `next`. */
export function encodeListingCursor(after: { createdAt: number; id: string }): string {
  return `${after.createdAt}.${Buffer.from(after.id).toString('base64url')}`
}

/**
 * Reads a `before` query value. A bare number (what `next` was before the id joined it) still
 * means "created before that time". Anything else malformed is a 400 naming the field.
 */
export function decodeListingCursor(value: string | undefined): ListingCursor {
  if (value === undefined) return FIRST_PAGE
  const match = /^([0-9]{1,15})(?:\.([A-Za-z0-9_-]{1,88}))?$/.exec(value)
  const createdAt = Number(match?.[1])
  const id = match?.[2] === undefined ? '' : Buffer.from(match[2], 'base64url').toString()
  if (!match || !Number.isSafeInteger(createdAt) || (match[2] !== undefined && id === ''))
    throw new HttpError(400, 'querystring/before is not a cursor this listing returned as `next`')
  return { createdAt, id }
}
