import type { Storage } from './Storage.js'
import type { StorageHealth } from './StorageHealth.js'

const WRITES = [
  'createSession',
  'updateSession',
  'appendUpdate',
  'saveSnapshot',
  'putAsset',
  'deleteSession',
  'createWorkspace',
  'setWorkspaceKey',
  'claimSession',
  'saveSummary',
  'createRecording',
  'stopRecording',
  'putAudioChunk',
  'deleteRecordings',
] as const

/** The same store, reporting the outcome of every write to `health` (callers keep their own error handling). */
export function trackWrites(storage: Storage, health: StorageHealth): Storage {
  const tracked = Object.create(storage) as Storage
  for (const name of WRITES) {
    const write = storage[name].bind(storage) as (...args: unknown[]) => Promise<unknown>
    ;(tracked as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        const result = await write(...args)
        health.recordSuccess()
        return result
      } catch (err) {
        health.recordFailure(err)
        throw err
      }
    }
  }
  return tracked
}
