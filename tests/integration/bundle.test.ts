import { describe, expect, it } from 'vitest'

// @ts-expect-error: a plain .mjs script without type declarations
import { BUDGETS as budgets, measureBundle as measure } from '../../client/scripts/sizes.mjs'
import { ensureClientBuilt } from '../helpers/buildClient'

interface Load {
  files: Set<string>
  kb: number
}
const BUDGETS = budgets as { sessionKb: number; replayKb: number; replayFiles: number }
const measureBundle = measure as () => { session: Load | null; replay: Load | null }

describe('the built client', () => {
  it('keeps the session page and the replay’s first frame within their budgets', () => {
    ensureClientBuilt()
    const { session, replay } = measureBundle()
    expect(session, 'the session page is a chunk of its own').not.toBeNull()
    expect(session!.kb).toBeLessThanOrEqual(BUDGETS.sessionKb)
    // client/chunking.ts: the replay draws its first frame with a few files, tldraw's not among them.
    expect(replay, 'a chunk named "replay"').not.toBeNull()
    expect(replay!.kb).toBeLessThanOrEqual(BUDGETS.replayKb)
    expect(replay!.files.size).toBeLessThanOrEqual(BUDGETS.replayFiles)
  }, 180_000)
})
