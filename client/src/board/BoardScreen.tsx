import type { SessionInfo } from '@mockboard/shared'
import { useEffect, useMemo, useState } from 'react'
import { type Editor, useValue } from 'tldraw'

import { readRuntimeConfig } from '../config'
import { usePrefersDark } from '../lobby/usePrefersDark'
import { ReviewBadges } from '../review/ReviewBadges'
import { useLiveReview } from '../review/useLiveReview'
import { useReviewBadges } from '../review/useReviewBadges'
import { createUserSignal } from '../session/createUserSignal'
import { closeMessage } from '../sync/closeMessage'
import { worstState } from '../sync/connectionState'
import { useBoardConnection } from '../sync/useBoardConnection'
import { useInterviewPanels } from '../timer/useInterviewPanels'
import { CenteredMessage } from '../ui/CenteredMessage'
import { AudioControls } from '../voice/AudioControls'
import { RecordingBar } from '../voice/RecordingBar'
import { useRecording } from '../voice/useRecording'
import { useVoice } from '../voice/useVoice'
import { VoiceContext } from '../voice/VoiceContext'
import { BoardCanvas } from './BoardCanvas'
import { ConnectionBanner } from './ConnectionBanner'
import { Palette } from './Palette'
import { type PanelTab, RightPanel } from './RightPanel'
import { SkipLinks } from './SkipLinks'
import { type Drawer, TopBar } from './TopBar'
import { useCanvasDrop } from './useCanvasDrop'
import { useDrawer } from './useDrawer'

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
  const connection = useBoardConnection({ sessionId: info.id, token, readonly, $user })
  const [editor, setEditor] = useState<Editor | null>(null)
  const state = useValue('connection state', () => connection?.$state.get() ?? 'connecting', [connection])
  const phase = useValue('board phase', () => connection?.$phase.get() ?? { kind: 'loading' as const }, [
    connection,
  ])
  const prefersDark = usePrefersDark()
  // Until tldraw mounts (loading, errors), follow the OS like the board will.
  const isDark = useValue('dark mode', () => editor?.user.getIsDarkMode() ?? prefersDark, [
    editor,
    prefersDark,
  ])
  const [drawer, setDrawer] = useDrawer(editor)
  const drop = useCanvasDrop(editor, !readonly)
  const liveEditor = phase.kind === 'ready' ? editor : null
  const boardFatal = useValue('fatal close', () => connection?.$fatal.get() ?? null, [connection])
  const review = useLiveReview(phase.kind === 'ready' ? (connection?.ydoc ?? null) : null)
  const interview = useInterviewPanels({
    info,
    token,
    boardDoc: connection?.ydoc ?? null,
    awareness: connection?.provider.awareness ?? null,
    boardState: state,
    editor: liveEditor,
    review,
  })
  const badges = useReviewBadges(interview.control?.doc ?? null)
  const controlFatal = interview.control?.fatalCode ?? null
  const fatal =
    boardFatal ?? (controlFatal !== null ? { code: controlFatal, ...closeMessage(controlFatal) } : null)
  // Once the session ends (or the server refused the board for good) every write would be lost:
  // stop editing instead of diverging.
  const frozen = interview.ended || boardFatal !== null
  useEffect(() => {
    if (frozen) liveEditor?.updateInstanceState({ isReadonly: true })
  }, [frozen, liveEditor])
  const shownState = worstState(state, interview.control?.state ?? 'connecting')
  const voice = useVoice({
    sessionId: info.id,
    token,
    role: info.role,
    control: interview.control?.provider ?? null,
    clientId: connection?.provider.awareness.clientID ?? null,
  })
  const recording = useRecording({
    sessionId: info.id,
    token,
    role: info.role,
    name,
    control: interview.control?.doc ?? null,
    mesh: voice.mesh,
    ended: interview.ended,
  })

  return (
    <VoiceContext.Provider value={voice}>
      <div
        className={`mb-app${isDark ? ' mb-dark' : ''}`}
        data-role={info.role}
        data-drawer={drawer ?? undefined}
      >
        <SkipLinks editor={editor} openPanel={() => setDrawer('panel')} />
        <TopBar
          title={info.title}
          role={info.role}
          state={shownState}
          editor={liveEditor}
          drawer={drawer}
          onDrawer={setDrawer}
          audio={
            <>
              <RecordingBar recording={recording} />
              <AudioControls listenOnly={readonly} />
            </>
          }
        />
        {fatal && phase.kind !== 'error' ? <ConnectionBanner fatal={fatal} /> : null}
        <div className="mb-main" onClick={(e) => closeAfterPlacing(e.target, drawer, setDrawer)}>
          <Palette
            editor={liveEditor}
            disabled={readonly || interview.ended || phase.kind !== 'ready'}
            disabledReason={
              interview.ended
                ? 'The session has ended: the board is frozen.'
                : readonly
                  ? 'You are observing: the board is read-only.'
                  : 'Connecting…'
            }
          />
          <main className="mb-canvas" {...drop} aria-label="Board">
            {connection && phase.kind !== 'loading' && phase.kind !== 'error' ? (
              <BoardCanvas
                store={connection.store}
                licenseKey={licenseKey}
                uploadRefusals={connection.uploadRefusals}
                onEditor={setEditor}
              />
            ) : null}
            {badges && liveEditor && review ? (
              <ReviewBadges editor={liveEditor} findings={review.findings} />
            ) : null}
            {phase.kind === 'loading' ? <CenteredMessage busy title="Syncing the board…" /> : null}
            {phase.kind === 'error' ? (
              <CenteredMessage tone="error" title={phase.title} message={phase.message} />
            ) : null}
          </main>
          {drawer ? <div className="mb-backdrop" aria-hidden onClick={() => setDrawer(null)} /> : null}
          <RightPanel
            editor={liveEditor}
            readonly={readonly || interview.ended}
            header={interview.header}
            extraTabs={[...interview.tabs, ...(extraTabs ?? [])]}
            initialTab="notes"
          />
        </div>
      </div>
    </VoiceContext.Provider>
  )
}

/** On a phone the library drawer covers the board: close it once a component was placed. */
function closeAfterPlacing(target: EventTarget, drawer: Drawer, setDrawer: (d: Drawer) => void) {
  if (drawer === 'library' && target instanceof Element && target.closest('.mb-palette__item'))
    setDrawer(null)
}
