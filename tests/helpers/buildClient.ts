// One staleness rule for `npm start` and the tests: scripts/client-build.mjs.
// @ts-expect-error: a plain .mjs script without type declarations
import { ensureClientBuilt as ensure } from '../../scripts/client-build.mjs'

/** Builds client/dist (production mode) unless it is newer than every client and shared source. */
export function ensureClientBuilt(): void {
  ;(ensure as (options: { quiet: boolean }) => boolean)({ quiet: true })
}
