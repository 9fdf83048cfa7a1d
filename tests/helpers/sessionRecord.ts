import type { SessionRecord } from '../../server/src/storage/Storage.js'

/** A session record as the storage tests write it directly (no HTTP): a feed design, not ended. */
export const sessionRecord = (id: string, patch: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  title: 'Design a feed',
  problem: 'News feed',
  problemId: 'news-feed',
  phases: [{ name: 'All', minutes: 60 }],
  createdAt: 1_000,
  endedAt: null,
  reportShared: false,
  replayShared: false,
  workspaceId: null,
  candidate: '',
  ...patch,
})
