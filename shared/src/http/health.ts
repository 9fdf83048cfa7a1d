import { type Static, Type } from '@sinclair/typebox'

/** What the store of record holds against `MOCKBOARD_MAX_DATA_BYTES` (0: no cap). */
export const DataUsage = Type.Object({
  usedBytes: Type.Number(),
  maxBytes: Type.Number(),
  /** Past the cap: new sessions and uploads get 507; live sessions keep their own caps. */
  full: Type.Boolean(),
})
export type DataUsage = Static<typeof DataUsage>

/** `GET /healthz` → 200 while storage takes writes, 503 (with `error`) when it does not. */
export const Health = Type.Object({
  ok: Type.Boolean(),
  storage: Type.String(),
  rooms: Type.Optional(Type.Integer()),
  data: Type.Optional(DataUsage),
  error: Type.Optional(Type.String()),
  /** When the failing write happened (ISO time). */
  since: Type.Optional(Type.String()),
})
export type Health = Static<typeof Health>
