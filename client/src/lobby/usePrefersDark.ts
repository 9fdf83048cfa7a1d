import { useEffect, useState } from 'react'

const QUERY = '(prefers-color-scheme: dark)'

/** The OS colour scheme, live: pages without a tldraw editor follow it (the board follows tldraw's). */
export function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => typeof matchMedia !== 'undefined' && matchMedia(QUERY).matches)
  useEffect(() => {
    const mq = matchMedia(QUERY)
    const onChange = () => setDark(mq.matches)
    mq.addEventListener('change', onChange)
    return () => mq.removeEventListener('change', onChange)
  }, [])
  return dark
}
