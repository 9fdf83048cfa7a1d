import './report.css'

import type { SessionReport } from '@mockboard/shared'
import { ArrowLeft, Download, Printer } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'

import { describeApiError } from '../api/describeApiError'
import { createSessionApi } from '../api/sessionApi'
import { saveBlob } from '../replay/exportImage'
import { takeSessionToken } from '../session/sessionToken'
import { CenteredMessage } from '../ui/CenteredMessage'
import { ReportDocument } from './ReportDocument'
import { useFinalDiagram } from './useFinalDiagram'

type Loaded =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; report: SessionReport }

/** `/s/<id>/report`: the session report as a clean page to read or print to PDF. */
export default function ReportPage({ sessionId }: { sessionId: string }) {
  const [token] = useState(() => takeSessionToken(sessionId))
  const api = useMemo(() => (token ? createSessionApi(sessionId, token) : null), [sessionId, token])
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const diagram = useFinalDiagram(api)

  useEffect(() => {
    if (!api) return
    let live = true
    api.report().then(
      (report) => live && setLoaded({ status: 'ready', report }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    )
    return () => {
      live = false
    }
  }, [api])

  useEffect(() => {
    if (loaded.status === 'ready') document.title = `${loaded.report.title} · Report · Mockboard`
  }, [loaded])

  if (!api)
    return (
      <CenteredMessage
        tone="error"
        title="This link is incomplete"
        message="A report link carries its access key after #token=. Open the full link you were sent."
      />
    )
  if (loaded.status === 'loading') return <CenteredMessage busy title="Loading the report…" />
  if (loaded.status === 'error') {
    const { title, detail } = describeApiError(loaded.error)
    return (
      <CenteredMessage tone="error" title={title} message={detail} action={<a href="/">Go to the lobby</a>} />
    )
  }
  const download = async () => {
    const { blob, filename } = await api.reportMarkdown()
    saveBlob(blob, filename)
  }
  return (
    <div
      className={`rr-page${document.documentElement.dataset.theme === 'dark' ? ' mb-dark' : ''}`}
      data-diagram={diagram.status}
    >
      <nav className="rr-toolbar" aria-label="Report actions">
        <a className="mb-btn mb-btn--ghost" href={`/s/${encodeURIComponent(sessionId)}/replay`}>
          <ArrowLeft size={14} /> Replay
        </a>
        <span className="rr-toolbar-spacer" />
        <button type="button" className="mb-btn" onClick={() => void download()}>
          <Download size={14} /> Markdown
        </button>
        <button
          type="button"
          className="mb-btn mb-btn--primary"
          onClick={() => window.print()}
          disabled={diagram.status === 'loading'}
        >
          <Printer size={14} /> Print / PDF
        </button>
      </nav>
      <ReportDocument report={loaded.report} diagram={diagram} />
    </div>
  )
}
