import 'tldraw/tldraw.css'

import { ASSET_IMAGE_TYPES } from '@mockboard/shared'
import { memo } from 'react'
import { DefaultFontStyle, type Editor, type TLComponents, Tldraw, type TLStore } from 'tldraw'

import { customShapeUtils } from '../shapes/shapeUtils'
import { assetUrls } from './assetUrls'
import { MAX_IMAGE_DIMENSION } from './downscaleImage'
import { SelectionStylePanel } from './SelectionStylePanel'
import type { UploadRefusals } from './uploadRefusals'
import { UploadRefusalToasts } from './UploadRefusalToasts'

/** What tldraw takes in before our asset store downscales it; the server caps what it stores. */
const MAX_SOURCE_IMAGE_BYTES = 64 * 1024 * 1024
const NO_VIDEO: string[] = []

/** One page per board: the replay, report and exports all assume it. */
const components: TLComponents = {
  PageMenu: null,
  DebugMenu: null,
  DebugPanel: null,
  StylePanel: SelectionStylePanel,
}

interface Props {
  store: TLStore
  licenseKey: string | null
  uploadRefusals: UploadRefusals
  onEditor(editor: Editor): void
}

/** The tldraw editor itself; memoised so panel re-renders never touch the canvas. */
export const BoardCanvas = memo(function BoardCanvas({ store, licenseKey, uploadRefusals, onEditor }: Props) {
  return (
    <Tldraw
      store={store}
      shapeUtils={customShapeUtils}
      assetUrls={assetUrls}
      maxImageDimension={MAX_IMAGE_DIMENSION}
      maxAssetSize={MAX_SOURCE_IMAGE_BYTES}
      acceptedImageMimeTypes={ASSET_IMAGE_TYPES}
      acceptedVideoMimeTypes={NO_VIDEO}
      licenseKey={licenseKey ?? undefined}
      components={components}
      // Follow the OS until the user picks a theme with the top bar's toggle (stored by tldraw).
      colorScheme="system"
      onMount={(editor) => {
        // Architecture labels read better in the sans font than in the hand-drawn default.
        editor.setStyleForNextShapes(DefaultFontStyle, 'sans')
        onEditor(editor)
      }}
    >
      <UploadRefusalToasts
        refusals={uploadRefusals}
        maxImageDimension={MAX_IMAGE_DIMENSION}
        maxAssetSize={MAX_SOURCE_IMAGE_BYTES}
        acceptedImageMimeTypes={ASSET_IMAGE_TYPES}
        acceptedVideoMimeTypes={NO_VIDEO}
      />
    </Tldraw>
  )
})
