/** Image types the asset store takes (sniffed from the bytes on the server; SVG is refused). */
export const ASSET_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type AssetImageType = (typeof ASSET_IMAGE_TYPES)[number]

export type { UploadAssetResponse } from './http/assets.js'
