import type { Role } from '@mockboard/shared'
import { LayoutGrid, Moon, PanelRight, Sun } from 'lucide-react'
import { useValue, type Editor } from 'tldraw'
import type { ConnectionState } from '../sync/connectionState'
import { ConnectionPill } from './ConnectionPill'
import { ExportMenu } from './ExportMenu'

interface Props {
  title: string
  role: Role
  state: ConnectionState
  editor: Editor | null
  /** Which drawer is open in the narrow layout (the toggles only show there). */
  drawer: Drawer
  onDrawer(drawer: Drawer): void
}

export type Drawer = 'library' | 'panel' | null

export function TopBar({ title, role, state, editor, drawer, onDrawer }: Props) {
  const isDark = useValue('dark mode', () => editor?.user.getIsDarkMode() ?? false, [editor])
  return (
    <header className="mb-topbar">
      <button
        type="button"
        className="mb-icon-button mb-drawer-toggle"
        aria-label="Components"
        title="Component library"
        aria-expanded={drawer === 'library'}
        onClick={() => onDrawer(drawer === 'library' ? null : 'library')}
      >
        <LayoutGrid size={18} />
      </button>
      <a className="mb-brand" href="/" aria-label="Mockboard home">
        <span className="mb-brand__mark" aria-hidden />
        <span className="mb-brand__name">Mockboard</span>
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
      <button
        type="button"
        className="mb-icon-button mb-drawer-toggle"
        aria-label="Side panel"
        title="Timer, notes and properties"
        aria-expanded={drawer === 'panel'}
        onClick={() => onDrawer(drawer === 'panel' ? null : 'panel')}
      >
        <PanelRight size={18} />
      </button>
    </header>
  )
}
