import type { Storage } from './Storage.js'
import type { StorageHealth } from './StorageHealth.js'

const WRITES = [
  'createSession',
  'updateSession',
  'appendUpdate',
  'recordAnnounced',
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
  const succeeded = <T>(result: T): T => {
    health.recordSuccess()
    return result
  }
  const failed = (err: unknown): never => {
    health.recordFailure(err)
    throw err
  }
  // A write that throws before returning its promise: a promise rejected with `err` itself.
  const rejected = async (err: unknown): Promise<never> => failed(err)
  for (const name of WRITES) {
    const write = storage[name].bind(storage) as (...args: unknown[]) => Promise<unknown>
    // Not async: appendUpdate runs for every update, and an async wrapper adds a promise and a
    // frame to each. A write that throws before returning its promise is reported the same way.
    ;(tracked as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      let pending: Promise<unknown>
      try {
        pending = write(...args)
      } catch (err) {
        return rejected(err)
      }
      return pending.then(succeeded, failed)
    }
  }
  return tracked
}
