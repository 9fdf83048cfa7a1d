import { Circle, Square } from 'lucide-react'

import type { Recording } from './useRecording'

/**
 * The recording's presence on every page: a persistent "Recording" indicator while it is on, the
 * consent question to each participant who may speak, and their own stop button.
 */
export function RecordingBar({ recording }: { recording: Recording }) {
  const { on, consent, error, setOn } = recording
  if (recording.ended)
    return on ? (
      <div className="mb-rec" data-testid="recording" data-consent="ended">
        <span className="mb-rec__pill mb-rec__pill--ended" role="status">
          <span className="mb-voice__label">Recording stopped: the session ended</span>
        </span>
      </div>
    ) : null
  if (!on)
    return setOn ? (
      <button
        type="button"
        className="mb-button mb-rec__start"
        onClick={() => setOn(true)}
        title="Ask everyone to record their voice"
      >
        <Circle size={13} aria-hidden />
        <span className="mb-voice__label">Record</span>
      </button>
    ) : null
  return (
    <div className="mb-rec" data-testid="recording" data-consent={consent}>
      <span
        className="mb-rec__pill"
        role="status"
        aria-label={consent === 'recording' ? 'Recording your voice' : 'Recording is on'}
      >
        <span className="mb-rec__dot" aria-hidden />
        <span className="mb-voice__label">{consent === 'recording' ? 'Recording you' : 'Recording'}</span>
      </span>
      {consent === 'recording' ? (
        <button type="button" className="mb-button" onClick={recording.stopMine}>
          <Square size={12} aria-hidden />
          <span className="mb-voice__label">Stop my recording</span>
        </button>
      ) : null}
      {setOn ? (
        <button type="button" className="mb-button" onClick={() => setOn(false)}>
          <span>Turn off</span>
        </button>
      ) : null}
      {consent === 'ask' ? (
        <div className="mb-rec__ask" role="dialog" aria-label="Record your voice?">
          <p>
            <strong>The interviewer is recording this session.</strong> Record your voice for the replay? Only
            your own microphone is recorded, on this server; you can stop at any time.
          </p>
          <div className="mb-rec__actions">
            <button
              type="button"
              className="mb-button mb-button--primary"
              onClick={() => void recording.agree()}
            >
              Agree and record
            </button>
            <button type="button" className="mb-button" onClick={recording.decline}>
              Don&apos;t record me
            </button>
          </div>
          {error ? <p className="mb-rec__error">{error}</p> : null}
        </div>
      ) : error ? (
        <div className="mb-rec__ask" role="alert">
          <p className="mb-rec__error">{error}</p>
        </div>
      ) : null}
    </div>
  )
}
