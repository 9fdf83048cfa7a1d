import './voice.css'

import { ChevronDown, Headphones, Mic, MicOff, PhoneOff, X } from 'lucide-react'
import { useRef } from 'react'

import { useVoiceContext } from './VoiceContext'

/**
 * The top bar's audio: "Join audio" (observers: "Listen"), then mute, the microphone picker and
 * leave. A refused microphone is said in words; the rest of the page never needs audio.
 */
export function AudioControls({ listenOnly }: { listenOnly: boolean }) {
  const voice = useVoiceContext()
  const menu = useRef<HTMLDetailsElement>(null)
  if (!voice?.mesh) return null
  const { mesh, state } = voice
  const error = state.error ? (
    <div className="mb-voice__error" role="alert" data-testid="voice-error">
      <span>{state.error}</span>
      <button type="button" className="mb-icon-button" aria-label="Dismiss" onClick={() => mesh.clearError()}>
        <X size={14} aria-hidden />
      </button>
    </div>
  ) : null
  if (state.status !== 'on')
    return (
      <div className="mb-voice" data-testid="voice" data-status={state.status}>
        <button
          type="button"
          className="mb-button mb-voice__join"
          disabled={state.status === 'joining'}
          onClick={() => void mesh.join()}
          title={listenOnly ? 'Hear the interview (observers listen only)' : 'Talk with the others'}
        >
          <Headphones size={15} aria-hidden />
          <span className="mb-voice__label">
            {state.status === 'joining' ? 'Joining…' : listenOnly ? 'Listen' : 'Join audio'}
          </span>
        </button>
        {error}
      </div>
    )
  const connected = state.members.filter((m) => m.connected).length
  return (
    <div className="mb-voice" data-testid="voice" data-status="on" data-sending={state.sending}>
      {state.sending ? (
        <button
          type="button"
          className={`mb-button mb-voice__mic${state.muted ? ' is-muted' : ''}${state.speaking ? ' is-speaking' : ''}`}
          aria-pressed={state.muted}
          aria-label={state.muted ? 'Unmute microphone' : 'Mute microphone'}
          title={state.muted ? 'Unmute' : 'Mute'}
          onClick={() => mesh.setMuted(!state.muted)}
        >
          {state.muted ? <MicOff size={15} aria-hidden /> : <Mic size={15} aria-hidden />}
          <span className="mb-voice__label">{state.muted ? 'Muted' : 'Mic on'}</span>
        </button>
      ) : (
        <span className="mb-voice__listening" title="You hear the others; your microphone is not used">
          <Headphones size={15} aria-hidden />
          <span className="mb-voice__label">Listening</span>
        </span>
      )}
      <details className="mb-menu" ref={menu}>
        <summary className="mb-icon-button" aria-label="Audio settings" title={`${connected} connected`}>
          <ChevronDown size={15} aria-hidden />
        </summary>
        <div className="mb-menu__list mb-voice__menu">
          <p className="mb-voice__peers" data-testid="voice-peers">
            {connected === 0 ? 'Nobody else in the audio yet' : `Connected to ${connected}`}
          </p>
          {state.sending && state.devices.length > 0 ? (
            <label className="mb-voice__device">
              Microphone
              <select value={state.deviceId ?? ''} onChange={(e) => void mesh.setDevice(e.target.value)}>
                {state.devices.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <hr />
          <button
            type="button"
            onClick={() => {
              menu.current?.removeAttribute('open')
              mesh.leave()
            }}
          >
            <PhoneOff size={14} aria-hidden /> Leave audio
          </button>
        </div>
      </details>
      {error}
    </div>
  )
}
