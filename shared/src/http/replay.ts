import { type Static, Type } from '@sinclair/typebox'

import { DOC_NAMES } from '../protocol.js'

const DocName = Type.Union(DOC_NAMES.map((d) => Type.Literal(d)))
/** Query numbers stay strings (no type coercion): a pattern bounds them before Number() reads them. */
const Digits = Type.String({ pattern: '^[0-9]{1,15}$' })

/** `GET /api/sessions/:id/state?doc=&at=<epoch ms>`. */
export const StateQuery = Type.Object({ doc: DocName, at: Digits })
export type StateQuery = Static<typeof StateQuery>

/** `GET /api/sessions/:id/history[?format=packed]`: packed delta-encodes the updates (shared/packUpdates.ts). */
export const HistoryQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('packed')])),
})
export type HistoryQuery = Static<typeof HistoryQuery>

/** `GET /api/sessions/:id/segment?doc=&seq=[&snapshot=0]`. */
export const SegmentQuery = Type.Object({
  doc: DocName,
  seq: Digits,
  snapshot: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
})
export type SegmentQuery = Static<typeof SegmentQuery>

/** `GET /api/sessions/:id/steps?seq=<n>[&keyframe=0]`: a segment of the board's log as steps. */
export const StepsQuery = Type.Object({
  seq: Digits,
  keyframe: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
})
export type StepsQuery = Static<typeof StepsQuery>

/** `PUT /api/sessions/:id/share`: the interviewer shares (or unshares) the rubric and bookmarks. */
export const ShareBody = Type.Object({ shared: Type.Boolean() }, { additionalProperties: false })
export type ShareBody = Static<typeof ShareBody>

/** `GET /api/sessions/:id/review[?at=<epoch ms>]`: the board's design review now or at an instant. */
export const ReviewQuery = Type.Object({ at: Type.Optional(Digits) })
export type ReviewQuery = Static<typeof ReviewQuery>
