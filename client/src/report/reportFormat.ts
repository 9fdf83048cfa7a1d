/** Formatting shared by the report's sections. */

import { formatDate } from '../ui/dates'

export const minutesOf = (ms: number) => `${Math.round(ms / 6_000) / 10} min`

export const dateTime = (at: number | null) => (at === null ? '—' : formatDate(at, 'dateTime'))

export const clockTime = (at: number | null) => (at === null ? '—' : formatDate(at, 'minutes'))
