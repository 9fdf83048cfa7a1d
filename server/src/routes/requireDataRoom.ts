import { HttpError } from '../errors.js'
import type { DataBudget } from '../storage/DataBudget.js'

/**
 * Refuses with 507 what would store `bytes` more past MOCKBOARD_MAX_DATA_BYTES: new sessions and
 * images. Live sessions are not asked: their edits keep working up to their own caps.
 */
export function requireDataRoom(budget: DataBudget, bytes = 0): void {
  if (budget.admits(bytes)) return
  throw new HttpError(
    507,
    "the server's storage is full (MOCKBOARD_MAX_DATA_BYTES): no new sessions or images; live sessions go on",
  )
}
