import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

/**
 * tldraw's fonts, icons and translations bundled by Vite, so a self-hosted replay never reaches
 * for tldraw's CDN. Immutable, computed once.
 */
export const boardAssetUrls = getAssetUrlsByImport()
