/** Longest side an uploaded image keeps: sharp on a 4K screen, a fraction of a raw screenshot's bytes. */
export const MAX_IMAGE_DIMENSION = 4096
/** Images at or under this size and dimension go up untouched. */
const KEEP_BYTES = 2 * 1024 * 1024
/** Types a canvas can re-encode without losing anything that matters (GIFs may be animated). */
const STATIC_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp'])

/**
 * The bytes to upload for an image: the file itself when small, else redrawn at most
 * MAX_IMAGE_DIMENSION on its longer side and re-encoded as WebP (keeps transparency; a noisy
 * screenshot shrinks several-fold), whichever is smaller. tldraw 5's `maxImageDimension` only
 * resizes the shape, never the bytes, so this is where a 8 MB screenshot becomes a few hundred KB.
 */
export async function downscaleImage(file: Blob): Promise<Blob> {
  if (!STATIC_TYPES.has(file.type) || typeof OffscreenCanvas === 'undefined') return file
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, MAX_IMAGE_DIMENSION / Math.max(bitmap.width, bitmap.height))
  if (scale === 1 && file.size <= KEEP_BYTES) {
    bitmap.close()
    return file
  }
  const size = (side: number) => Math.max(1, Math.round(side * scale))
  const canvas = new OffscreenCanvas(size(bitmap.width), size(bitmap.height))
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  let encoded = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 })
  // A browser that cannot encode WebP hands back PNG: JPEG is the smaller fallback for photos.
  if (encoded.type !== 'image/webp' && file.type === 'image/jpeg') {
    encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })
  }
  return scale < 1 || encoded.size < file.size ? encoded : file
}
