import type { TimerAction } from '@mockboard/shared'

import type { Rng } from './rng.js'

export type ActionKind =
  | 'createComponent'
  | 'createFrame'
  | 'createArrow'
  | 'drag'
  | 'bend'
  | 'relabel'
  | 'scaleOut'
  | 'remove'
  | 'notes'

/** The interviewer's timer, minute by minute: phases overrun a little, as they do. */
export const TIMER_SCRIPT: [number, TimerAction][] = [
  [0.3, { type: 'start' }],
  [11.2, { type: 'next' }],
  [35.5, { type: 'next' }],
  [42, { type: 'pause' }],
  [43.5, { type: 'resume' }],
  [51, { type: 'next' }],
  [60, { type: 'end' }],
]

export const BOOKMARKS: [number, number, string][] = [
  [4.5, 0, 'Good read/write ratio question'],
  [9.8, 0, 'Capacity estimate off by 10×'],
  [18, 1, 'Fan-out on write chosen, justified'],
  [27.5, 1, 'Cache placement good'],
  [39, 2, 'Missed SPOF on the queue'],
  [47, 2, 'Sharding by user_id, hot-key discussion'],
  [55, 3, 'Clear trade-off summary'],
]

export const NOTES_PHRASES = [
  'users post, follow, see home timeline newest first',
  '300M DAU, 2 posts/day avg, read heavy 100:1',
  'p99 timeline read < 200 ms',
  'eventual consistency OK for timeline, strong for follows',
  'media in object storage behind CDN',
  'GET /timeline?cursor=…  POST /posts',
  'posts(id, author_id, created_at, body, media_ids)',
  'fan-out on write, except celebrities (> 1M followers): fan-in on read',
  'timeline cache: list of post ids per user in Redis, 800 entries',
  'shard posts by author_id, follows by follower_id',
  'Kafka for fan-out jobs, workers write timelines',
  '~7 TB/day of media, 600 GB/day of posts metadata',
]

/** How often each action happens, by phase (minutes into the session) and by who. */
const WEIGHTS: {
  until: number
  candidate: Partial<Record<ActionKind, number>>
  interviewer: Partial<Record<ActionKind, number>>
}[] = [
  {
    until: 11.2,
    candidate: { notes: 2, createComponent: 1.5, drag: 1.5 },
    interviewer: { notes: 1.2, drag: 0.3 },
  },
  {
    until: 35.5,
    candidate: {
      createComponent: 6,
      createArrow: 5,
      drag: 7,
      bend: 1,
      relabel: 1,
      createFrame: 0.3,
      notes: 0.2,
    },
    interviewer: { notes: 0.5, drag: 2, createComponent: 2, createArrow: 2, relabel: 0.5 },
  },
  {
    until: 51,
    candidate: {
      drag: 5,
      relabel: 3,
      scaleOut: 2,
      createComponent: 3.5,
      createArrow: 3,
      remove: 1,
      bend: 1,
      notes: 0.3,
    },
    interviewer: { notes: 0.6, drag: 1.2, relabel: 1, remove: 0.4, createComponent: 0.8 },
  },
  {
    until: Infinity,
    candidate: { notes: 1, drag: 4, relabel: 1, remove: 0.3, createComponent: 0.6 },
    interviewer: { notes: 1.2, drag: 1 },
  },
]

export function pickAction(rng: Rng, role: 'candidate' | 'interviewer', minute: number): ActionKind {
  const table = WEIGHTS.find((w) => minute < w.until)![role]
  const entries = Object.entries(table) as [ActionKind, number][]
  let roll = rng.between(
    0,
    entries.reduce((n, [, w]) => n + w, 0),
  )
  for (const [kind, weight] of entries) {
    roll -= weight
    if (roll <= 0) return kind
  }
  return entries[0]![0]
}
