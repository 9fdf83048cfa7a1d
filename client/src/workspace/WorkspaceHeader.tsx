import type { ReactNode } from 'react'

interface Props {
  workspaceId: string
  /** Where this page sits under the workspace ("New session", a candidate's name); none on the workspace page. */
  crumb?: string
  actions?: ReactNode
}

/** The brand and the way back to the workspace, on each of its pages. */
export function WorkspaceHeader({ workspaceId, crumb, actions }: Props) {
  return (
    <header className="mb-lobby__top mb-ws__top">
      <a className="mb-lobby__brand mb-ws__brand" href="/">
        <span className="mb-lobby__mark" aria-hidden />
        Mockboard
      </a>
      <nav className="mb-ws__crumbs" aria-label="Breadcrumb">
        {crumb ? <a href={`/w/${workspaceId}`}>Coach workspace</a> : <span>Coach workspace</span>}
        {crumb && (
          <>
            <span aria-hidden>/</span>
            <span aria-current="page">{crumb}</span>
          </>
        )}
      </nav>
      {actions && <div className="mb-ws__actions">{actions}</div>}
    </header>
  )
}
