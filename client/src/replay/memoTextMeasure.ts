import type { Editor } from 'tldraw'

import { LruCache } from './LruCache'

/**
 * Remembers text measurements on the replay editor. tldraw measures an arrow's label in the DOM
 * each time the arrow's geometry is recomputed (getBoundingClientRect: a forced layout per
 * arrow), and a long jump on the timeline re-puts most arrows of the board: in the replay
 * benchmark that was the largest cost of a seek. A size depends only on the text and the style
 * it is measured with, so it is reused; the cache is emptied when a font finishes loading.
 */
export function memoizeTextMeasure(editor: Editor): () => void {
  const tm = editor.textMeasure
  const measureHtml = tm.measureHtml.bind(tm)
  const measureText = tm.measureText.bind(tm)
  const cache = new LruCache<string, ReturnType<typeof measureHtml>>(4096)
  const memo =
    (kind: string, measure: typeof measureHtml): typeof measureHtml =>
    (text, opts) => {
      const key = `${kind}\u0000${text}\u0000${JSON.stringify(opts)}`
      let size = cache.get(key)
      if (!size) cache.set(key, (size = measure(text, opts)))
      return { ...size }
    }
  tm.measureHtml = memo('html', measureHtml)
  tm.measureText = memo('text', measureText)
  const clear = () => cache.clear()
  document.fonts.addEventListener('loadingdone', clear)
  return () => document.fonts.removeEventListener('loadingdone', clear)
}
