/** Formatting shared by the report's sections. */

export const minutesOf = (ms: number) => `${Math.round(ms / 6_000) / 10} min`

export const dateTime = (at: number | null) =>
  at === null ? '—' : new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })

export const clockTime = (at: number | null) =>
  at === null ? '—' : new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
