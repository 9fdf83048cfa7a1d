import { FRAME_KINDS } from '@mockboard/shared'
import { Box, createShapeId, type Editor, type TLShapeId, type VecLike } from 'tldraw'

import { kindInfo } from '../shapes/groupStyle'
import { COMPONENT_SIZE, SYSTEM_COMPONENT_TYPE } from '../shapes/system-component/props'
import { FRAME_SIZE, SYSTEM_FRAME_TYPE } from '../shapes/system-frame/props'

/** What the palette hands to the canvas, by click or drag. */
export type PaletteItem = { type: 'component'; kind: string } | { type: 'frame'; kind: string }

/** MIME type of a palette drag; deliberately not text/plain so tldraw won't paste it as text. */
export const PALETTE_MIME = 'application/x-mockboard-palette'

/** Nearest spot to `center` (spiralling out on a grid) where a w×h box overlaps no shape. */
function freeSpot(editor: Editor, center: VecLike, w: number, h: number): VecLike {
  const boxes = editor
    .getCurrentPageShapes()
    .filter((s) => s.type !== SYSTEM_FRAME_TYPE)
    .map((s) => editor.getShapePageBounds(s))
    .filter((b) => b !== undefined)
  const free = (x: number, y: number) => {
    const box = new Box(x - w / 2 - 16, y - h / 2 - 16, w + 32, h + 32)
    return !boxes.some((b) => b.collides(box))
  }
  // Gaps wide enough for an arrow between neighbours to carry its protocol label clear of both.
  const stepX = w + 112
  const stepY = h + 64
  for (let ring = 0; ring < 6; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue
        const x = center.x + dx * stepX
        const y = center.y + dy * stepY
        if (free(x, y)) return { x, y }
      }
    }
  }
  return center
}

/** Creates the item centred on `at` (page coordinates; default: viewport centre) and selects it. */
export function placeShape(editor: Editor, item: PaletteItem, at?: VecLike): TLShapeId {
  const id = createShapeId()
  editor.markHistoryStoppingPoint('place shape')
  if (item.type === 'component') {
    const { w, h } = COMPONENT_SIZE
    const c = at ?? freeSpot(editor, editor.getViewportPageBounds().center, w, h)
    editor.createShape({
      id,
      type: SYSTEM_COMPONENT_TYPE,
      x: c.x - w / 2,
      y: c.y - h / 2,
      props: { kind: item.kind, label: kindInfo(item.kind).label },
    })
  } else {
    const { w, h } = FRAME_SIZE
    const c = at ?? editor.getViewportPageBounds().center
    const label = FRAME_KINDS.find((f) => f.kind === item.kind)?.label ?? ''
    editor.createShape({
      id,
      type: SYSTEM_FRAME_TYPE,
      x: c.x - w / 2,
      y: c.y - h / 2,
      props: { kind: item.kind, label },
    })
    // Frames are backdrops: keep them behind the components they group.
    editor.sendToBack([id])
  }
  editor.select(id)
  // The free spot may lie outside the viewport: bring the new shape into view.
  editor.zoomToSelectionIfOffscreen(64)
  return id
}
