import type { UploadAssetResponse } from '@mockboard/shared'
import type { TLAssetStore } from 'tldraw'

import { downscaleImage } from './downscaleImage'

/**
 * Where dropped and pasted images go: the session's asset store on the server, not the Yjs log
 * (a screenshot inlined as a data URL passed the frame limit and looped the connection). The
 * board keeps the returned same-origin URL, which needs no token: replay, report and exports load it.
 */
export function createAssetStore(sessionId: string, token: string): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      const body = await downscaleImage(file)
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/assets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': body.type || 'application/octet-stream',
        },
        body,
        signal: abortSignal,
      })
      if (!res.ok) {
        const message = await res.json().then(
          (b: { message?: string }) => b.message,
          () => res.statusText,
        )
        // tldraw turns a failed upload into its "upload failed" toast and drops the placeholder.
        throw new Error(`image upload refused (${res.status}): ${message}`)
      }
      const { url } = (await res.json()) as UploadAssetResponse
      return { src: url }
    },
  }
}
