/** Where each piece of state lives inside the session's Yjs documents (server and client agree). */

/** `board` doc: tldraw records, their schema, shared notes. */
export const BoardKeys = {
  /** Y.Array used through y-utility's YKeyValue: tldraw record id → record. */
  records: 'tldraw',
  /** Y.Map: `schema` → serialized tldraw store schema. */
  meta: 'meta',
  /** Y.Text: shared markdown notes. */
  notes: 'notes',
} as const

/** `control` doc: interviewer-driven timer. */
export const ControlKeys = {
  /** Y.Map: `state` → TimerState, `phases` → Phase[] (the plan in force). */
  timer: 'timer',
  /** Y.Array<TimerEvent>: every transition, stamped with server time. */
  events: 'timerEvents',
  /** Y.Map written by the server only: `id` → the next round's session id, once someone started it. */
  nextRound: 'nextRound',
} as const

/** `private` doc: interviewer only. */
export const PrivateKeys = {
  /** Y.Array<Bookmark>. */
  bookmarks: 'bookmarks',
  /** Y.Map: rubric area id → RubricScore; `recommendation` → string. */
  rubric: 'rubric',
  /** Y.Text: the interviewer's private notes. */
  notes: 'notes',
} as const
