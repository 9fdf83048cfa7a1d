import { useCallback, useState } from 'react'
import type { Editor } from 'tldraw'

import type { SessionApi } from '../api/sessionApi'
import type { BoardFrame } from './decodeFrames'
import type { ImageFormat } from './exportImage'

const stamp = (ms: number) => {
  const total = Math.max(0, Math.floor(ms / 1000))
  return `${String(Math.floor(total / 60)).padStart(2, '0')}m${String(total % 60).padStart(2, '0')}s`
}

export interface Exports {
  busy: string | null
  message: string | null
  exportAt(format: ImageFormat): void
  downloadReport(): void
}

/** Board images at t, and the report bundle (Markdown + final diagram) as one zip. */
export function useExports(opts: {
  api: SessionApi
  editor: Editor | null
  /** Brings the editor to the instant shown (it lags behind the painted board while seeking). */
  settle(now: true): void
  finalFrame: BoardFrame | null
  slug: string
  offsetMs: number
  dark: boolean
}): Exports {
  const { api, editor, settle, finalFrame, slug, offsetMs, dark } = opts
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const run = useCallback(async (label: string, job: () => Promise<string | null>) => {
    setBusy(label)
    setMessage(null)
    try {
      setMessage(await job())
    } catch (err) {
      setMessage(`${label} failed: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      setBusy(null)
    }
  }, [])

  const exportAt = useCallback(
    (format: ImageFormat) =>
      void run(`Export ${format.toUpperCase()}`, async () => {
        if (!editor) return 'The board is still loading.'
        settle(true)
        const { exportBoard, saveBlob } = await import('./exportImage')
        const blob = await exportBoard(editor, format, dark)
        if (!blob) return 'Nothing on the board at this moment to export.'
        saveBlob(blob, `${slug}-at-${stamp(offsetMs)}.${format}`)
        return null
      }),
    [run, editor, settle, dark, slug, offsetMs],
  )

  const downloadReport = useCallback(
    () =>
      void run('Download report', async () => {
        const { blob: md, filename } = await api.reportMarkdown()
        const { renderFrame, saveBlob } = await import('./exportImage')
        // fflate builds its tables as its module loads (~12 ms): not on the page's first second.
        const { zipFiles } = await import('./zipFiles')
        const files = [{ name: filename, data: new Uint8Array(await md.arrayBuffer()) }]
        // Light background whatever the screen theme: the diagram is for documents and print.
        const png = finalFrame ? await renderFrame(finalFrame, 'png', false) : null
        // report.md embeds the diagram as ![Final diagram](board.png): keep that name next to it.
        if (png) files.push({ name: 'board.png', data: new Uint8Array(await png.arrayBuffer()) })
        saveBlob(zipFiles(files), filename.replace(/\.md$/, '') + '.zip')
        return null
      }),
    [run, api, finalFrame],
  )

  return { busy, message, exportAt, downloadReport }
}
