import { defaultAddFontsFromNode, defaultShapeUtils, Editor, tipTapDefaultExtensions } from 'tldraw'

import { assetUrls } from '../board/assetUrls'
import { customShapeUtils } from '../shapes/shapeUtils'
import { BoardProjector } from './BoardProjector'
import type { BoardFrame } from './decodeFrames'
import { replayBindingUtils } from './ReplayArrowBindingUtil'
import { createReplayStore } from './ReplayBoard'

export type ImageFormat = 'png' | 'svg'

/** Every shape of the current page as an image, or null for an empty page. */
export async function exportBoard(
  editor: Editor,
  format: ImageFormat,
  darkMode: boolean,
): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()]
  if (ids.length === 0) return null
  const result = await editor.toImage(ids, { format, background: true, padding: 32, darkMode, pixelRatio: 2 })
  return result.blob
}

/**
 * Renders a board frame without showing it (the final diagram for a report), the way tldraw's
 * TldrawImage does: a throwaway editor in a detached container, disposed once the image is made.
 */
export async function renderFrame(
  frame: BoardFrame,
  format: ImageFormat,
  darkMode = false,
): Promise<Blob | null> {
  const store = createReplayStore()
  new BoardProjector(store).apply(frame)
  const container = document.createElement('div')
  container.className = 'tl-container tl-theme__light'
  // Off-screen, not `visibility: hidden`: the export copies computed styles into the image, and
  // an inherited `hidden` would blank every HTML shape (our component cards, arrow labels).
  container.style.cssText = 'position:fixed;left:-10000px;top:0;width:800px;height:600px;pointer-events:none'
  container.setAttribute('aria-hidden', 'true')
  document.body.appendChild(container)
  const editor = new Editor({
    store,
    // Ours replace tldraw's of the same type (the arrow), as <Tldraw shapeUtils> does.
    shapeUtils: [
      ...defaultShapeUtils.filter((u) => !customShapeUtils.some((c) => c.type === u.type)),
      ...customShapeUtils,
    ],
    bindingUtils: replayBindingUtils,
    tools: [],
    getContainer: () => container,
    fontAssetUrls: assetUrls.fonts,
    options: {
      text: {
        tipTapConfig: { extensions: tipTapDefaultExtensions },
        addFontsFromNode: defaultAddFontsFromNode,
      },
    },
  })
  try {
    // The board may have several pages; the diagram is the one with the most on it.
    const busiest = editor
      .getPages()
      .map((p) => ({ id: p.id, n: editor.getSortedChildIdsForParent(p.id).length }))
      .sort((a, b) => b.n - a.n)[0]
    if (busiest) editor.setCurrentPage(busiest.id)
    return await exportBoard(editor, format, darkMode)
  } finally {
    editor.dispose()
    container.remove()
    store.dispose()
  }
}

/** Saves a blob under `filename` through a temporary link (no popup, works offline). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoking at once can cancel the download in some browsers; a minute later it is long done.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
