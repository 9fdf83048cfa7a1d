import type { Editor } from 'tldraw'

/** Puts the busiest page in view and fits the camera to it (never zooming past 100%). */
export function fitCamera(editor: Editor): void {
  const busiest = editor
    .getPages()
    .map((p) => ({ id: p.id, n: editor.getSortedChildIdsForParent(p.id).length }))
    .sort((a, b) => b.n - a.n)[0]
  if (busiest && busiest.id !== editor.getCurrentPageId()) editor.setCurrentPage(busiest.id)
  const bounds = editor.getCurrentPageBounds()
  if (bounds) editor.zoomToBounds(bounds, { inset: 64, targetZoom: 1 })
}
