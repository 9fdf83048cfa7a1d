import type { ReactNode } from 'react'

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="mb-field">
      <span>{label}</span>
      {children}
      {hint ? <small className="mb-field__hint">{hint}</small> : null}
    </label>
  )
}
