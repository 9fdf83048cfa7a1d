import type { AssetImageType } from '@mockboard/shared'

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) =>
  bytes.every((b, i) => data[at + i] === b)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/**
 * The image type the bytes say they are, whatever the client claimed: PNG, JPEG, GIF or WebP,
 * else null. SVG is never an answer: it is a document that can carry scripts.
 */
export function sniffImageType(data: Uint8Array): AssetImageType | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'image/webp'
  return null
}
