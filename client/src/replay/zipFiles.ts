import { type Zippable, zipSync } from 'fflate'

/** Already compressed: deflating them again costs time and saves nothing. */
const STORED = /\.(png|jpe?g|webp|gif|zip)$/i

/**
 * A ZIP archive of a few files: the report is one download instead of two (browsers may block
 * the second). Text is deflated, images are stored as they are.
 */
export function zipFiles(files: { name: string; data: Uint8Array }[], when = new Date()): Blob {
  const entries: Zippable = {}
  for (const file of files) entries[file.name] = [file.data, { level: STORED.test(file.name) ? 0 : 6 }]
  const zip = zipSync(entries, { mtime: when })
  return new Blob([zip], { type: 'application/zip' })
}
