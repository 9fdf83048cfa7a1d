import type { TLAssetStore } from 'tldraw'

import { ApiError } from '../api/ApiError'
import { createSessionApi } from '../api/sessionApi'
import { downscaleImage } from './downscaleImage'
import type { UploadRefusals } from './uploadRefusals'

/**
 * Where dropped and pasted images go: the session's asset store on the server, not the Yjs log
 * (a screenshot inlined as a data URL passed the frame limit and looped the connection). The
 * board keeps the returned same-origin URL, which needs no token: replay, report and exports load it.
 */
export function createAssetStore(sessionId: string, token: string, refusals: UploadRefusals): TLAssetStore {
  const api = createSessionApi(sessionId, token)
  return {
    async upload(_asset, file, abortSignal) {
      try {
        const { url } = await api.uploadAsset(await downscaleImage(file), abortSignal)
        return { src: url }
      } catch (err) {
        // tldraw turns the throw into its "upload failed" toast and drops the placeholder; the
        // server's words (which limit, which types) go with it.
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) refusals.put(err.message)
        throw err
      }
    },
  }
}
