import { COMPONENT_KINDS, matchRank, searchComponents } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

const best = (query: string) => searchComponents(query)[0]?.kind

describe('palette search ranking', () => {
  it('ranks exact name > name prefix > word prefix > substring > keyword', () => {
    expect(matchRank('cache', 'Cache')).toBe(0)
    expect(matchRank('CACHE ', 'Cache')).toBe(0)
    expect(matchRank('load', 'Load balancer')).toBe(1)
    expect(matchRank('col', 'Wide-column DB')).toBe(2)
    expect(matchRank('sub', 'Pub/sub topic')).toBe(2)
    expect(matchRank('alanc', 'Load balancer')).toBe(3)
    expect(matchRank('redis', 'Cache', ['Redis', 'Memcached'])).toBe(4)
    expect(matchRank('cache', 'CDN', ['edge cache', 'static'])).toBe(5)
    expect(matchRank('zebra', 'CDN', ['edge cache'])).toBeNull()
    expect(matchRank('  ', 'CDN')).toBeNull()
  })

  it('puts the best match first, whatever its group', () => {
    // CDN (edge group, keyword "edge cache") comes before Cache in catalog order.
    expect(best('cache')).toBe('cache')
    expect(best('queue')).toBe('message-queue')
    expect(best('db')).toBe('relational-db')
    expect(best('gate')).toBe('api-gateway')
    expect(best('stream')).toBe('stream-processor')
    expect(best('event')).toBe('event-stream')
    expect(best('kafka')).toBe('event-stream')
    expect(best('sql')).toBe('relational-db')
  })

  it('keeps every match and catalog order among equals', () => {
    expect(searchComponents('cache').map((k) => k.kind)).toEqual(['cache', 'cdn'])
    expect(searchComponents('')).toHaveLength(COMPONENT_KINDS.length)
    const redis = searchComponents('redis').map((k) => k.kind)
    expect(redis.slice(0, 2)).toEqual(['key-value-store', 'cache'])
  })
})
