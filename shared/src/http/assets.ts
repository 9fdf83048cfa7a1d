import { type Static, Type } from '@sinclair/typebox'

/** `GET /api/assets/:assetId`: 32 url-safe characters (192 random bits). */
export const AssetParams = Type.Object({ assetId: Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' }) })

/** `POST /api/sessions/:id/assets` → 201. `url` is same-origin and needs no token. */
export const UploadAssetResponse = Type.Object({ url: Type.String() })
export type UploadAssetResponse = Static<typeof UploadAssetResponse>
