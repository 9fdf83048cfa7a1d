import type { SessionInfo } from '@mockboard/shared'
import { useEffect, useMemo, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { syncUrl } from '../api'
import { readRuntimeConfig } from '../config'
import { createUserSignal } from '../session/createUserSignal'
import { useBoardConnection } from '../sync/useBoardConnection'
import { CenteredMessage } from '../ui/CenteredMessage'
import { BoardCanvas } from './BoardCanvas'
import { Palette } from './Palette'
import { RightPanel, type PanelTab } from './RightPanel'
import { TopBar } from './TopBar'
import { useCanvasDrop } from './useCanvasDrop'
import { useInterviewPanels } from '../timer/useInterviewPanels'

interface Props {
  info: SessionInfo
  token: string
  name: string
  /** Later issues plug the timer, notes and interviewer panels in here. */
  extraTabs?: PanelTab[]
}

/** The session layout: top bar, palette | live canvas | side panel. */
export function BoardScreen({ info, token, name, extraTabs }: Props) {
  const readonly = info.role === 'observer'
  const $user = useMemo(() => createUserSignal(name), [name])
  const licenseKey = useMemo(() => readRuntimeConfig().tldrawLicenseKey, [])
  const connection = useBoardConnection({ sessionId: info.id, token, syncUrl: syncUrl(), readonly, $user })
  const [editor, setEditor] = useState<Editor | null>(null)
  const state = useValue('connection state', () => connection?.$state.get() ?? 'connecting', [connection])
  const phase = useValue('board phase', () => connection?.$phase.get() ?? { kind: 'loading' as const }, [connection])
  const isDark = useValue('dark mode', () => editor?.user.getIsDarkMode() ?? false, [editor])
  const drop = useCanvasDrop(editor, !readonly)
  const liveEditor = phase.kind === 'ready' ? editor : null
  const interview = useInterviewPanels({ info, token, boardDoc: connection?.ydoc ?? null, awareness: connection?.provider.awareness ?? null })
  // Once the session ends the server drops every write: stop editing instead of diverging.
  useEffect(() => {
    if (interview.ended) liveEditor?.updateInstanceState({ isReadonly: true })
  }, [interview.ended, liveEditor])

  return (
    <div className={`mb-app${isDark ? ' mb-dark' : ''}`} data-role={info.role}>
      <TopBar title={info.title} role={info.role} state={state} editor={liveEditor} />
      <div className="mb-main">
        <Palette
          editor={liveEditor}
          disabled={readonly || interview.ended || phase.kind !== 'ready'}
          disabledReason={interview.ended ? 'The session has ended: the board is frozen.' : readonly ? 'You are observing: the board is read-only.' : 'Connecting…'}
        />
        <main className="mb-canvas" {...drop} aria-label="Board">
          {connection && phase.kind !== 'loading' && phase.kind !== 'error' ? (
            <BoardCanvas store={connection.store} licenseKey={licenseKey} onEditor={setEditor} />
          ) : null}
          {phase.kind === 'loading' ? <CenteredMessage busy title="Syncing the board…" /> : null}
          {phase.kind === 'error' ? <CenteredMessage tone="error" title={phase.title} message={phase.message} /> : null}
        </main>
        <RightPanel editor={liveEditor} readonly={readonly || interview.ended} header={interview.header} extraTabs={[...interview.tabs, ...(extraTabs ?? [])]} initialTab="notes" />
      </div>
    </div>
  )
}
