import type { Role } from '@mockboard/shared'
import { Moon, Sun } from 'lucide-react'
import { useValue, type Editor } from 'tldraw'
import type { ConnectionState } from '../sync/connectionState'
import { ConnectionPill } from './ConnectionPill'
import { ExportMenu } from './ExportMenu'

interface Props {
  title: string
  role: Role
  state: ConnectionState
  editor: Editor | null
}

export function TopBar({ title, role, state, editor }: Props) {
  const isDark = useValue('dark mode', () => editor?.user.getIsDarkMode() ?? false, [editor])
  return (
    <header className="mb-topbar">
      <a className="mb-brand" href="/" aria-label="Mockboard home">
        <span className="mb-brand__mark" aria-hidden />
        Mockboard
      </a>
      <span className="mb-topbar__sep" aria-hidden />
      <h1 className="mb-topbar__title" title={title}>{title}</h1>
      <span className={`mb-role mb-role--${role}`} data-role={role}>{role}</span>
      <div className="mb-topbar__spacer" />
      <ConnectionPill state={state} />
      {editor ? (
        <>
          <button
            type="button"
            className="mb-icon-button"
            aria-label={isDark ? 'Switch to light mode' : 'Switch to dark mode'}
            title={isDark ? 'Light mode' : 'Dark mode'}
            onClick={() => editor.user.updateUserPreferences({ colorScheme: isDark ? 'light' : 'dark' })}
          >
            {isDark ? <Sun size={16} /> : <Moon size={16} />}
          </button>
          <ExportMenu editor={editor} title={title} />
        </>
      ) : null}
    </header>
  )
}
