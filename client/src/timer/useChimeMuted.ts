import { useCallback, useState } from 'react'

const KEY = 'mockboard.chimeMuted'

function readMuted(): boolean {
  try {
    return localStorage.getItem(KEY) === '1'
  } catch {
    return false
  }
}

/** The chime's mute switch, remembered per browser (a coach who mutes once wants it muted next time). */
export function useChimeMuted(): [boolean, (muted: boolean) => void] {
  const [muted, setMuted] = useState(readMuted)
  const set = useCallback((next: boolean) => {
    setMuted(next)
    try {
      localStorage.setItem(KEY, next ? '1' : '0')
    } catch {
      // Storage disabled: the switch still works for this page.
    }
  }, [])
  return [muted, set]
}
