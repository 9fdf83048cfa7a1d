import type { SessionInfo } from '@mockboard/shared'
import { Download, FileImage, Image, Moon, Printer, Sun } from 'lucide-react'

import type { Exports } from './useExports'

interface Props {
  info: SessionInfo
  exports: Exports
  canExport: boolean
  dark: boolean
  onToggleDark(): void
}

/** Session title, and what can be taken away from the replay. */
export function ReplayHeader({ info, exports, canExport, dark, onToggleDark }: Props) {
  const busy = exports.busy !== null
  return (
    <header className="rp-header">
      <a className="rp-brand" href="/" title="Mockboard lobby">
        <span className="rp-logo" aria-hidden />
      </a>
      <div className="rp-heading">
        <div className="rp-title-row">
          <h1 className="rp-title">{info.title}</h1>
          <span className="mb-badge rp-caps">Replay</span>
          <span className="mb-badge rp-caps">{info.role}</span>
        </div>
        {info.problem && (
          <p className="rp-problem" title={info.problem}>
            {info.problem}
          </p>
        )}
      </div>
      <div className="rp-actions">
        {exports.message && (
          <span className="rp-action-message" role="status">
            {exports.message}
          </span>
        )}
        <button
          type="button"
          className="mb-btn"
          disabled={!canExport || busy}
          onClick={() => exports.exportAt('png')}
          title="The board as shown now, as a PNG image"
        >
          <Image size={14} /> PNG
        </button>
        <button
          type="button"
          className="mb-btn"
          disabled={!canExport || busy}
          onClick={() => exports.exportAt('svg')}
          title="The board as shown now, as an SVG drawing"
        >
          <FileImage size={14} /> SVG
        </button>
        <button
          type="button"
          className="mb-btn"
          disabled={busy}
          onClick={exports.downloadReport}
          title="Markdown report and the final diagram, zipped"
        >
          <Download size={14} /> {exports.busy === 'Download report' ? 'Preparing…' : 'Report'}
        </button>
        <a
          className="mb-btn"
          href={`/s/${encodeURIComponent(info.id)}/report`}
          title="A printable page (print to PDF from the browser)"
        >
          <Printer size={14} /> Printable
        </a>
        <button
          type="button"
          className="mb-btn mb-btn--icon mb-btn--ghost"
          onClick={onToggleDark}
          aria-label={dark ? 'Light mode' : 'Dark mode'}
          title={dark ? 'Light mode' : 'Dark mode'}
        >
          {dark ? <Sun size={15} /> : <Moon size={15} />}
        </button>
      </div>
    </header>
  )
}
