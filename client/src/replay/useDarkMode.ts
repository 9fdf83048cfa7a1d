import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'

const prefersDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches

/**
 * Light or dark, starting from the OS preference. Pins `<html data-theme>` (the app's tokens
 * follow it) and the tldraw editor's colour mode together, so chrome and canvas always match.
 */
export function useDarkMode(editor: Editor | null): [boolean, () => void] {
  const [dark, setDark] = useState(() => document.documentElement.dataset.theme === 'dark' || (!document.documentElement.dataset.theme && prefersDark()))
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light'
    editor?.setColorMode(dark ? 'dark' : 'light')
  }, [dark, editor])
  return [dark, () => setDark((d) => !d)]
}
