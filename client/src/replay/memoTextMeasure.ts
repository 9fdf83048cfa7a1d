import { TextManager } from 'tldraw'

import { LruCache } from './LruCache'

type Measure = TextManager['measureHtml']
type Size = ReturnType<Measure>

/** Sizes kept per editor. */
const CAPACITY = 4096

/** Bumped when a font finishes loading: every size measured before may be wrong. */
let fontGeneration = 0
const caches = new WeakMap<TextManager, { generation: number; sizes: LruCache<string, Size> }>()

function sizesOf(manager: TextManager): LruCache<string, Size> {
  let entry = caches.get(manager)
  if (!entry || entry.generation !== fontGeneration) {
    entry = { generation: fontGeneration, sizes: new LruCache(CAPACITY) }
    caches.set(manager, entry)
  }
  return entry.sizes
}

let installed = false

/**
 * Remembers text measurements in the replay's editors. tldraw measures an arrow's label in the DOM
 * each time the arrow's geometry is computed (getBoundingClientRect: a forced layout per arrow,
 * twice when the label is squeezed), and a long jump on the timeline re-puts most arrows of the
 * board: that was the largest cost of a seek, and ~0.4 s of the first render of the benchmark's
 * 177-arrow board. A size depends only on the text and the style it is measured with, so it is
 * reused; every cache is dropped when a font finishes loading.
 *
 * Installed on tldraw's TextManager itself (one cache per editor), before any editor exists: a
 * per-editor patch from onMount came after the first render had measured every label. Called by
 * the replay's board module only; the live board measures as tldraw does.
 */
export function memoizeTextMeasure(): void {
  if (installed) return
  installed = true
  const proto = TextManager.prototype
  const memo = (kind: string, measure: Measure): Measure =>
    function (this: TextManager, text, opts) {
      const sizes = sizesOf(this)
      const key = `${kind}\u0000${text}\u0000${JSON.stringify(opts)}`
      let size = sizes.get(key)
      if (!size) sizes.set(key, (size = measure.call(this, text, opts)))
      return { ...size }
    }
  proto.measureHtml = memo('html', proto.measureHtml)
  proto.measureText = memo('text', proto.measureText)
  document.fonts.addEventListener('loadingdone', () => fontGeneration++)
}
