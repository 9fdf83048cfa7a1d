/** What to tell someone whose microphone could not be opened: plainly, and what still works. */
export function microphoneError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Microphone blocked: this browser did not allow it. You can listen; to talk, allow the microphone for this site and join again.'
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No microphone found. You can listen; plug one in and join again to talk.'
  if (name === 'NotReadableError')
    return 'The microphone is in use by another program. You can listen; close that program and join again to talk.'
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function')
    return 'This page cannot use a microphone (it needs HTTPS or localhost). You can listen.'
  return 'The microphone could not be opened. You can listen.'
}
