/**
 * Checks for values read out of a Yjs document. Whatever a client managed to store is untrusted:
 * the log is append-only, so one bad value must degrade to a default, never break a reader.
 */

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export const numberOr = <T>(v: unknown, fallback: T): number | T => (isFiniteNumber(v) ? v : fallback)

export const stringOr = <T>(v: unknown, fallback: T): string | T => (typeof v === 'string' ? v : fallback)
