import type { ReactNode } from 'react'

interface Props {
  title: string
  message?: string
  busy?: boolean
  tone?: 'neutral' | 'error'
  action?: ReactNode
}

/** Full-screen state (loading, refused, not found) in the app's card style. */
export function CenteredMessage({ title, message, busy, tone = 'neutral', action }: Props) {
  return (
    <div className="mb-centered" role={tone === 'error' ? 'alert' : 'status'}>
      <div className={`mb-card mb-card--${tone}`}>
        {busy ? <div className="mb-spinner" aria-hidden /> : null}
        <h1 className="mb-card__title">{title}</h1>
        {message ? <p className="mb-card__message">{message}</p> : null}
        {action ? <div className="mb-card__action">{action}</div> : null}
      </div>
    </div>
  )
}
