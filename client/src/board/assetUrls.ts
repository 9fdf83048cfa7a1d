import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

/** tldraw's fonts, icons and translations bundled by Vite and served by us: no CDN at run time. */
export const assetUrls = getAssetUrlsByImport()
