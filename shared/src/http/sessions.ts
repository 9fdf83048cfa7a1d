import { type Static, Type } from '@sinclair/typebox'

import { PHASE_LIMITS } from '../phases.js'
import { ROLES } from '../roles.js'
import { SESSION_LIMITS } from '../session.js'
import { PLAIN_LINE } from './plainLine.js'
import { CandidateName, WorkspaceRef } from './workspaces.js'

/** `:id` of every `/api/sessions/:id…` route. */
export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
export type SessionParams = Static<typeof SessionParams>

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)))

export const PhaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PHASE_LIMITS.maxNameLength, pattern: PLAIN_LINE }),
    minutes: Type.Integer({ minimum: PHASE_LIMITS.minMinutes, maximum: PHASE_LIMITS.maxMinutes }),
  },
  { additionalProperties: false },
)

/** `POST /api/sessions` body: every field optional (an empty body means all defaults). */
export const CreateSessionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: SESSION_LIMITS.maxTitle, pattern: PLAIN_LINE })),
    problem: Type.Optional(Type.String({ maxLength: SESSION_LIMITS.maxProblem })),
    /** Id of a built-in problem, kept so "swap roles" can start the next round. */
    problemId: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z0-9-]+$' })),
    phases: Type.Optional(
      Type.Array(PhaseSchema, { minItems: PHASE_LIMITS.minPhases, maxItems: PHASE_LIMITS.maxPhases }),
    ),
    /** `practice`: a pair practising; the design review shows on the board from the start. */
    mode: Type.Optional(Type.Union([Type.Literal('interview'), Type.Literal('practice')])),
    /** Create it inside this coach workspace (its key must match: 403 otherwise, nothing created). */
    workspace: Type.Optional(WorkspaceRef),
    /** Who is interviewed: free text, usually one of the workspace's known candidates. */
    candidate: Type.Optional(CandidateName),
  },
  { additionalProperties: false },
)
export type CreateSessionBody = Static<typeof CreateSessionBody>

export const SessionLinks = Type.Object({
  interviewer: Type.String(),
  candidate: Type.String(),
  observer: Type.String(),
})
export type SessionLinks = Static<typeof SessionLinks>

/** `POST /api/sessions` → 201. */
export const CreateSessionResponse = Type.Object({ id: Type.String(), links: SessionLinks })
export type CreateSessionResponse = Static<typeof CreateSessionResponse>

/** `GET /api/sessions/:id` → the session's metadata and the caller's role. */
export const SessionInfo = Type.Object({
  id: Type.String(),
  title: Type.String(),
  problem: Type.String(),
  problemId: Type.Union([Type.String(), Type.Null()]),
  phases: Type.Array(PhaseSchema),
  createdAt: Type.Number(),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  role: RoleSchema,
  /** Whether the interviewer shared rubric and bookmarks with the candidate (`PUT …/share`). */
  reportShared: Type.Boolean(),
  /** Whether the interviewer let observers open the replay and report (`PUT …/share-replay`). */
  replayShared: Type.Boolean(),
  /** Server time when this response was made, for a first clock-offset estimate. */
  serverTime: Type.Number(),
})
export type SessionInfo = Static<typeof SessionInfo>

/** `GET /api/time`: a cheap clock probe. */
export const TimeResponse = Type.Object({ now: Type.Number() })

/** `POST /api/sessions/:id/next-round` answer: the caller's own link into the shared next round. */
export const NextRoundResponse = Type.Object({
  /** The next round's session id (the same for every caller). */
  id: Type.String(),
  /** The caller's role there: interviewer and candidate swap, an observer stays an observer. */
  role: RoleSchema,
  /** `/s/<id>#token=…` for that role. */
  link: Type.String(),
})
export type NextRoundResponse = Static<typeof NextRoundResponse>
