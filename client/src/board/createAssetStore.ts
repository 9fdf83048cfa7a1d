import type { TLAssetStore } from 'tldraw'

import { createSessionApi } from '../api/sessionApi'
import { downscaleImage } from './downscaleImage'

/**
 * Where dropped and pasted images go: the session's asset store on the server, not the Yjs log
 * (a screenshot inlined as a data URL passed the frame limit and looped the connection). The
 * board keeps the returned same-origin URL, which needs no token: replay, report and exports load it.
 */
export function createAssetStore(sessionId: string, token: string): TLAssetStore {
  const api = createSessionApi(sessionId, token)
  return {
    async upload(_asset, file, abortSignal) {
      // A refusal (413 too large, 415 not an image) throws the ApiError with the server's message;
      // tldraw turns a failed upload into its "upload failed" toast and drops the placeholder.
      const { url } = await api.uploadAsset(await downscaleImage(file), abortSignal)
      return { src: url }
    },
  }
}
