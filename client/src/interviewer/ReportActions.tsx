import type { SessionHistory } from '@mockboard/shared'
import { Download } from 'lucide-react'
import { useEffect, useState } from 'react'

interface Props {
  sessionId: string
  token: string
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string }
    return body.message ?? `HTTP ${res.status}`
  } catch {
    return `HTTP ${res.status}`
  }
}

/** Share the rubric and bookmarks with the candidate, and download the Markdown report. */
export function ReportActions({ sessionId, token }: Props) {
  const [shared, setShared] = useState<boolean | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const auth = { authorization: `Bearer ${token}` }

  useEffect(() => {
    let live = true
    fetch(`/api/sessions/${sessionId}/history`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (res) => {
        if (!res.ok) throw new Error(await errorText(res))
        const history = (await res.json()) as SessionHistory
        if (live) setShared(history.reportShared)
      })
      .catch((err: Error) => live && setError(`Could not read the sharing state: ${err.message}`))
    return () => {
      live = false
    }
  }, [sessionId, token])

  const toggle = async () => {
    if (shared === null) return
    setBusy(true)
    setError(null)
    try {
      const res = await fetch(`/api/sessions/${sessionId}/share`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ shared: !shared }),
      })
      if (!res.ok) throw new Error(await errorText(res))
      setShared(((await res.json()) as { shared: boolean }).shared)
    } catch (err) {
      setError(`Sharing failed: ${(err as Error).message}`)
    } finally {
      setBusy(false)
    }
  }

  const download = async () => {
    setError(null)
    try {
      // A plain link cannot carry the Bearer token (and the token must stay out of URLs).
      const res = await fetch(`/api/sessions/${sessionId}/report.md`, { headers: auth })
      if (!res.ok) throw new Error(await errorText(res))
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'mockboard-report.md'
      const url = URL.createObjectURL(await res.blob())
      const a = Object.assign(document.createElement('a'), { href: url, download: name })
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (err) {
      setError(`Download failed: ${(err as Error).message}`)
    }
  }

  return (
    <div className="mb-iv__report">
      <label className="mb-iv__switch">
        <input
          type="checkbox"
          role="switch"
          checked={shared ?? false}
          disabled={shared === null || busy}
          onChange={() => void toggle()}
        />
        <span className="mb-iv__switch-track" aria-hidden />
        <span>
          Share report with candidate
          <small>
            {shared
              ? 'Their report and replay now include your rubric, bookmarks and private notes.'
              : 'Rubric, bookmarks and private notes stay with you.'}
          </small>
        </span>
      </label>
      <button className="mb-btn mb-btn--sm" onClick={() => void download()}>
        <Download size={14} />
        Download report (.md)
      </button>
      {error && <p className="mb-err">{error}</p>}
    </div>
  )
}
