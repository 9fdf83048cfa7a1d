import type { CameraSample } from '@mockboard/shared'

import type { DataBudget } from './DataBudget.js'
import type { Storage } from './Storage.js'

/** The same store, adding the bytes of every stored update, snapshot, image, audio chunk and camera row to `budget`. */
export function countWrites(storage: Storage, budget: DataBudget): Storage {
  const counted = Object.create(storage) as Storage
  // Not async: this runs for every update, and an async wrapper adds a promise and a frame to each.
  counted.appendUpdate = (sessionId, doc, data, at, clientIds) =>
    storage.appendUpdate(sessionId, doc, data, at, clientIds).then((stored) => {
      budget.add(data.byteLength)
      return stored
    })
  counted.saveSnapshot = async (sessionId, doc, snapshot) => {
    await storage.saveSnapshot(sessionId, doc, snapshot)
    budget.add(snapshot.data.byteLength)
  }
  counted.putAsset = async (asset, maxSessionBytes) => {
    const stored = await storage.putAsset(asset, maxSessionBytes)
    if (stored) budget.add(asset.data.byteLength)
    return stored
  }
  counted.putAudioChunk = async (chunk, maxSessionBytes) => {
    const verdict = await storage.putAudioChunk(chunk, maxSessionBytes)
    if (verdict === 'stored') budget.add(chunk.data.byteLength)
    return verdict
  }
  counted.appendCameras = async (sessionId, samples) => {
    await storage.appendCameras(sessionId, samples)
    budget.add(samples.reduce((sum, s) => sum + cameraRowBytes(s), 0))
  }
  return counted
}

/** A camera row as stored: six numbers, the role, name and page, and the row's own overhead. */
export function cameraRowBytes(sample: CameraSample): number {
  return 64 + sample.role.length + sample.name.length + sample.page.length
}
