import { assetUrls } from '../../board/assetUrls'

/** The faces the painter draws with (tldraw registers the same ones when it mounts). */
const FACES: [family: string, url: keyof typeof assetUrls.fonts, weight: string][] = [
  ['tldraw_draw', 'tldraw_draw', 'normal'],
  ['tldraw_sans', 'tldraw_sans', 'normal'],
  ['tldraw_sans', 'tldraw_sans_bold', 'bold'],
  ['tldraw_mono', 'tldraw_mono', 'normal'],
]

let fontsLoading: Promise<unknown> | null = null
let fontsReady = false

/** Whether the faces have loaded (or failed for good): a frame painted before used fallbacks. */
export const boardFontsReady = () => fontsReady

/**
 * Loads the board's fonts from the app's own assets; resolves once they can draw. The painter
 * draws with fallback faces until then and paints again after.
 */
export function loadBoardFonts(): Promise<unknown> {
  fontsLoading ??= Promise.allSettled(
    FACES.map(([family, url, weight]) => {
      const face = new FontFace(family, `url(${assetUrls.fonts[url]})`, { weight })
      document.fonts.add(face)
      return face.load()
    }),
  ).then(() => {
    fontsReady = true
  })
  return fontsLoading
}
