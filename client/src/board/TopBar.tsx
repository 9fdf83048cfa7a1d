import type { Role } from '@mockboard/shared'
import { LayoutGrid, Moon, PanelRight, Sun } from 'lucide-react'
import type { ReactNode } from 'react'
import { type Editor, useValue } from 'tldraw'

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
  /** The audio controls (Join audio, mute, microphone). */
  audio?: ReactNode
}

export type Drawer = 'library' | 'panel' | null

export function TopBar({ title, role, state, editor, drawer, onDrawer, audio }: Props) {
  const isDark = useValue('dark mode', () => editor?.user.getIsDarkMode() ?? false, [editor])
  return (
    <header className="mb-topbar">
      <DrawerToggle
        which="library"
        label="Components"
        title="Component library"
        drawer={drawer}
        onDrawer={onDrawer}
      >
        <LayoutGrid size={18} />
      </DrawerToggle>
      <a className="mb-brand" href="/" aria-label="Mockboard home">
        <span className="mb-brand__mark" aria-hidden />
        <span className="mb-brand__name">Mockboard</span>
      </a>
      <span className="mb-topbar__sep" aria-hidden />
      <h1 className="mb-topbar__title" title={title}>
        {title}
      </h1>
      <span className={`mb-role mb-role--${role}`} data-role={role}>
        {role}
      </span>
      <div className="mb-topbar__spacer" />
      {audio}
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
      <DrawerToggle
        which="panel"
        label="Side panel"
        title="Timer, notes and properties"
        drawer={drawer}
        onDrawer={onDrawer}
      >
        <PanelRight size={18} />
      </DrawerToggle>
    </header>
  )
}

interface DrawerToggleProps extends Pick<Props, 'drawer' | 'onDrawer'> {
  which: Exclude<Drawer, null>
  label: string
  title: string
  children: ReactNode
}

/** Opens one drawer of the narrow layout, or closes it when it is the one open. */
function DrawerToggle({ which, label, title, drawer, onDrawer, children }: DrawerToggleProps) {
  return (
    <button
      type="button"
      className="mb-icon-button mb-drawer-toggle"
      aria-label={label}
      title={title}
      aria-expanded={drawer === which}
      onClick={() => onDrawer(drawer === which ? null : which)}
    >
      {children}
    </button>
  )
}
