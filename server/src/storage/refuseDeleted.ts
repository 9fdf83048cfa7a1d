import type { DeletedSessions } from './DeletedSessions.js'
import type { Storage } from './Storage.js'

/**
 * The same store, sending every write that names a session through `deleted`: refused once the
 * session is marked deleted, and counted until it settles so the deletion can wait for it.
 * Creating a session is not among them (a new session has nothing to delete yet).
 */
export function refuseDeleted(storage: Storage, deleted: DeletedSessions): Storage {
  const guarded = Object.create(storage) as Storage
  guarded.updateSession = (id, changes) => deleted.write(id, () => storage.updateSession(id, changes))
  guarded.saveSummary = (id, summary) => deleted.write(id, () => storage.saveSummary(id, summary))
  guarded.recordAnnounced = (id, doc, role, ids) =>
    deleted.write(id, () => storage.recordAnnounced(id, doc, role, ids))
  guarded.appendUpdate = (id, doc, data, at, clientIds) =>
    deleted.write(id, () => storage.appendUpdate(id, doc, data, at, clientIds))
  guarded.saveSnapshot = (id, doc, snapshot) =>
    deleted.write(id, () => storage.saveSnapshot(id, doc, snapshot))
  guarded.appendCameras = (id, samples) => deleted.write(id, () => storage.appendCameras(id, samples))
  guarded.putAsset = (asset, max) => deleted.write(asset.sessionId, () => storage.putAsset(asset, max))
  guarded.createRecording = (recording, maxTakes) =>
    deleted.write(recording.sessionId, () => storage.createRecording(recording, maxTakes))
  guarded.stopRecording = (id, recordingId, at) =>
    deleted.write(id, () => storage.stopRecording(id, recordingId, at))
  guarded.putAudioChunk = (chunk, max) =>
    deleted.write(chunk.sessionId, () => storage.putAudioChunk(chunk, max))
  return guarded
}
