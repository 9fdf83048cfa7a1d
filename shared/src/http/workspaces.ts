import { type Static, Type } from '@sinclair/typebox'

import { RECOMMENDATIONS } from '../rubric.js'
import { WORKSPACE_LIMITS } from '../workspace/workspaceLink.js'
import { PLAIN_LINE } from './plainLine.js'

/** `:id` of every `/api/workspaces/:id…` route. */
export const WorkspaceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
export type WorkspaceParams = Static<typeof WorkspaceParams>

/** A candidate's name as the coach typed it: one plain line. */
export const CandidateName = Type.String({ maxLength: WORKSPACE_LIMITS.maxCandidate, pattern: PLAIN_LINE })

/** `POST /api/workspaces` body: nothing to choose (yet); an unknown field is a 400 naming it. */
export const CreateWorkspaceBody = Type.Object({}, { additionalProperties: false })
export type CreateWorkspaceBody = Static<typeof CreateWorkspaceBody>

/** `POST /api/workspaces` → 201, and `POST …/key` (rotation) → 200: the capability link and its key. */
export const WorkspaceCreated = Type.Object({
  id: Type.String(),
  /** The secret; also inside `link`'s fragment. Shown once: the server keeps only its hash. */
  key: Type.String(),
  /** `/w/<id>#key=<key>` */
  link: Type.String(),
})
export type WorkspaceCreated = Static<typeof WorkspaceCreated>

/** `"workspace"` of a `POST /api/sessions` body: create the session inside that workspace. */
export const WorkspaceRef = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), key: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type WorkspaceRef = Static<typeof WorkspaceRef>

/** Time in one phase against its plan (the timer's clock; pauses not counted). */
export const PhaseTime = Type.Object({
  name: Type.String(),
  plannedMs: Type.Number(),
  actualMs: Type.Number(),
})
export type PhaseTime = Static<typeof PhaseTime>

const Recommendation = Type.Union(RECOMMENDATIONS.map((r) => Type.Literal(r)))

/**
 * What a workspace listing shows of a session's documents, kept up to date in a row of its own
 * (server/src/workspace/SummaryKeeper.ts) so a listing never decodes documents.
 */
export const SessionSummary = Type.Object({
  startedAt: Type.Union([Type.Number(), Type.Null()]),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  /** Time the clock ran, every phase together. */
  activeMs: Type.Number(),
  /** Time spent past the plan, summed over the phases that ran over. */
  overrunMs: Type.Number(),
  /** How many phases ran over their plan. */
  overrunPhases: Type.Integer(),
  phases: Type.Array(PhaseTime),
  /** Rubric area id → 1…4; unscored areas are absent. */
  scores: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 4 })),
  recommendation: Type.Union([Recommendation, Type.Null()]),
  /** Rule ids of the design review's findings on the final board (set once the session ended). */
  findings: Type.Optional(Type.Array(Type.String())),
})
export type SessionSummary = Static<typeof SessionSummary>

/** One row of `GET /api/workspaces/:id/sessions`. */
export const WorkspaceSession = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** The problem statement's first line, at most `WORKSPACE_LIMITS.maxProblemHead` characters. */
  problem: Type.String(),
  problemId: Type.Union([Type.String(), Type.Null()]),
  candidate: Type.String(),
  createdAt: Type.Number(),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  /** `/s/<id>#token=…` as the interviewer: any device with the workspace link re-opens it as the coach. */
  interviewerLink: Type.String(),
  /** Null until the session's timer or rubric were first read (a session nobody opened yet). */
  summary: Type.Union([SessionSummary, Type.Null()]),
})
export type WorkspaceSession = Static<typeof WorkspaceSession>

/** `GET /api/workspaces/:id/sessions?limit=&before=`: newest first. */
export const WorkspaceSessionsQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  /** The previous page's `next` (an opaque cursor; checked by the server, 400 when malformed). */
  before: Type.Optional(Type.String({ maxLength: 120 })),
})
export type WorkspaceSessionsQuery = Static<typeof WorkspaceSessionsQuery>

export const WorkspaceSessions = Type.Object({
  sessions: Type.Array(WorkspaceSession),
  /** Every candidate named in the workspace, for the lobby's choice. */
  candidates: Type.Array(Type.String()),
  /** `before` of the next page (opaque); null on the last. */
  next: Type.Union([Type.String(), Type.Null()]),
})
export type WorkspaceSessions = Static<typeof WorkspaceSessions>

/** `POST /api/workspaces/:id/sessions`: add a session the caller holds the interviewer link of. */
export const AddSessionBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type AddSessionBody = Static<typeof AddSessionBody>

/** `PUT /api/sessions/:id/candidate` (interviewer token or workspace key). */
export const CandidateBody = Type.Object({ candidate: CandidateName }, { additionalProperties: false })
export type CandidateBody = Static<typeof CandidateBody>

/** `GET /api/sessions/:id/candidate` (interviewer token or workspace key): the name and the names to offer. */
export const SessionCandidate = Type.Object({
  candidate: Type.String(),
  /** The session belongs to a coach workspace. */
  inWorkspace: Type.Boolean(),
  /** The workspace's known candidates, sorted (empty outside a workspace). */
  known: Type.Array(Type.String()),
})
export type SessionCandidate = Static<typeof SessionCandidate>
