import { useEffect, useState } from 'react'
import type { Editor } from 'tldraw'

const prefersDark = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches

/**
 * Light or dark, starting from the OS preference. Sets the tldraw editor's colour mode (the page
 * puts `.mb-dark` on its root with the same value, so chrome and canvas always match) and keeps
 * the choice on `<html data-theme>`, where the report page opened from here reads it.
 */
export function useDarkMode(editor: Editor | null): [boolean, () => void] {
  const [dark, setDark] = useState(
    () =>
      document.documentElement.dataset.theme === 'dark' ||
      (!document.documentElement.dataset.theme && prefersDark()),
  )
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light'
    editor?.setColorMode(dark ? 'dark' : 'light')
  }, [dark, editor])
  return [dark, () => setDark((d) => !d)]
}
