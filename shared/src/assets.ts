/** Image types the asset store takes (sniffed from the bytes on the server; SVG is refused). */
export const ASSET_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type AssetImageType = (typeof ASSET_IMAGE_TYPES)[number]

/** `POST /api/sessions/:id/assets` → 201. `url` is same-origin and needs no token. */
export interface UploadAssetResponse {
  url: string
}
