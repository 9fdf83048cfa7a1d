import { Download } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'

import { createSessionApi } from '../api/sessionApi'

interface Props {
  sessionId: string
  token: string
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** Share the rubric and bookmarks with the candidate, the replay with observers; download the Markdown report. */
export function ReportActions({ sessionId, token }: Props) {
  const api = useMemo(() => createSessionApi(sessionId, token), [sessionId, token])
  const [shared, setShared] = useState<boolean | null>(null)
  const [replayShared, setReplayShared] = useState<boolean | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    // Read fresh (another tab of the interviewer may have changed it) from the small session info.
    api.info().then(
      (info) => {
        if (!live) return
        setShared(info.reportShared)
        setReplayShared(info.replayShared)
      },
      (err: unknown) => live && setError(`Could not read the sharing state: ${messageOf(err)}`),
    )
    return () => {
      live = false
    }
  }, [api])

  const toggle = async (what: 'report' | 'replay') => {
    const now = what === 'report' ? shared : replayShared
    if (now === null) return
    setBusy(true)
    setError(null)
    try {
      if (what === 'report') setShared(await api.shareReport(!now))
      else setReplayShared(await api.shareReplay(!now))
    } catch (err) {
      setError(`Sharing failed: ${messageOf(err)}`)
    } finally {
      setBusy(false)
    }
  }

  const download = async () => {
    setError(null)
    try {
      // A plain link cannot carry the Bearer token (and the token must stay out of URLs).
      const { blob, filename } = await api.reportMarkdown()
      const url = URL.createObjectURL(blob)
      const a = Object.assign(document.createElement('a'), { href: url, download: filename })
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (err) {
      setError(`Download failed: ${messageOf(err)}`)
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
          onChange={() => void toggle('report')}
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
      <label className="mb-iv__switch">
        <input
          type="checkbox"
          role="switch"
          checked={replayShared ?? false}
          disabled={replayShared === null || busy}
          onChange={() => void toggle('replay')}
          data-testid="share-replay"
        />
        <span className="mb-iv__switch-track" aria-hidden />
        <span>
          Share replay with observers
          <small>
            {replayShared
              ? 'The observer link now opens the replay and report, read-only (rubric only if shared above).'
              : 'The observer link shows the live board only.'}
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
