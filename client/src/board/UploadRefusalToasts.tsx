import { useEffect } from 'react'
import {
  defaultHandleExternalFileContent,
  type TLExternalContentProps,
  type TLUiToastsContextType,
  useEditor,
  useToasts,
  useTranslation,
} from 'tldraw'

import type { UploadRefusals } from './uploadRefusals'

interface Props extends TLExternalContentProps {
  refusals: UploadRefusals
}

/**
 * tldraw's file drop and paste, with one change: when the server refused an image, its toast
 * says why ("image is larger than … (MOCKBOARD_MAX_ASSET_BYTES)") instead of a bare "Upload
 * failed", and the image's empty frame goes away. Rendered inside <Tldraw>; its effect runs after
 * tldraw registered the defaults.
 */
export function UploadRefusalToasts({ refusals, ...limits }: Props) {
  const editor = useEditor()
  const toasts = useToasts()
  const msg = useTranslation()
  const { maxImageDimension, maxAssetSize, acceptedImageMimeTypes, acceptedVideoMimeTypes } = limits
  useEffect(() => {
    const failed = msg('assets.files.upload-failed')
    const explaining: TLUiToastsContextType = {
      ...toasts,
      addToast(toast) {
        const reason = toast.title === failed ? refusals.take() : null
        return toasts.addToast(
          reason
            ? { ...toast, title: 'Image not added', description: `The server refused it: ${reason}.` }
            : toast,
        )
      },
    }
    const options = { maxImageDimension, maxAssetSize, acceptedImageMimeTypes, acceptedVideoMimeTypes }
    // Async like tldraw's own handler: putExternalContent hands the promise to callers that await it.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the type says void, tldraw awaits it
    editor.registerExternalContentHandler('files', (content) =>
      defaultHandleExternalFileContent(editor, content, { ...options, toasts: explaining, msg }),
    )
    // tldraw deletes the asset of a failed upload but leaves its image shape, an empty frame that
    // every participant would see: it goes with its asset.
    return editor.sideEffects.registerAfterDeleteHandler('asset', (asset) => {
      const orphans = editor
        .getCurrentPageShapes()
        .filter(
          (shape) => shape.type === 'image' && (shape.props as { assetId?: unknown }).assetId === asset.id,
        )
      if (orphans.length > 0) editor.deleteShapes(orphans)
    })
  }, [
    editor,
    toasts,
    msg,
    refusals,
    maxImageDimension,
    maxAssetSize,
    acceptedImageMimeTypes,
    acceptedVideoMimeTypes,
  ])
  return null
}
