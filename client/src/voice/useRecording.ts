import { readRecordingOn, type Role, settingsMap, writeRecordingOn } from '@mockboard/shared'
import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'

import { createVoiceApi } from '../api/voiceApi'
import type { AudioMesh } from './AudioMesh'
import { Recorder } from './Recorder'

/** This browser's part in the recording: asked, agreed (recording), declined, or stopped. */
export type Consent = 'ask' | 'recording' | 'declined' | 'stopped'

export interface Recording {
  /** The interviewer turned recording on (control doc). */
  on: boolean
  consent: Consent
  error: string | null
  /** Interviewer only: turns recording on or off for everyone. */
  setOn: ((on: boolean) => void) | null
  agree(): Promise<void>
  decline(): void
  /** Stops this browser's own recording (anyone, any time). */
  stopMine(): void
  /** The session ended: every recorder stopped, and the indicator says so. */
  ended: boolean
}

export function useRecording(options: {
  sessionId: string
  token: string
  role: Role
  name: string
  control: Y.Doc | null
  mesh: AudioMesh | null
  /** The timer ended the session. */
  ended: boolean
}): Recording {
  const { sessionId, token, role, name, control, mesh, ended } = options
  const [on, setOnState] = useState(false)
  const [consent, setConsent] = useState<Consent>('ask')
  const [error, setError] = useState<string | null>(null)
  const api = useMemo(() => createVoiceApi(sessionId, token), [sessionId, token])
  const recorder = useMemo(
    () =>
      new Recorder(api, (reason) => {
        setConsent('stopped')
        if (reason) setError(reason)
      }),
    [api],
  )

  useEffect(() => {
    if (!control) return
    const update = () => setOnState(readRecordingOn(control))
    update()
    settingsMap(control).observe(update)
    return () => settingsMap(control).unobserve(update)
  }, [control])

  // Off for everyone: every recorder stops, and the next "on" asks again.
  useEffect(() => {
    if (on) return
    recorder.stop()
    setConsent('ask')
  }, [on, recorder])
  useEffect(() => () => recorder.stop(), [recorder])
  // The session's end stops every participant's recorder (its last chunk is still uploaded).
  useEffect(() => {
    if (ended) recorder.stop()
  }, [ended, recorder])

  return {
    on,
    consent: role === 'observer' ? 'declined' : consent,
    error,
    setOn: role === 'interviewer' && control ? (value) => writeRecordingOn(control, value) : null,
    async agree() {
      setError(null)
      try {
        if (!mesh) throw new Error('Audio is not ready yet.')
        if (mesh.current.status === 'off') await mesh.join()
        const stream = mesh.microphone
        if (!stream) throw new Error(mesh.current.error ?? 'No microphone: nothing to record.')
        await recorder.start(stream, name)
        setConsent('recording')
      } catch (err) {
        setError(err instanceof Error ? err.message : 'Recording could not start.')
      }
    },
    decline: () => setConsent('declined'),
    stopMine: () => recorder.stop(),
    ended,
  }
}
