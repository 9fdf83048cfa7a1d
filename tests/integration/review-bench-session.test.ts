import { EMPTY_ESTIMATES, readBoardRecords, type Review } from '@mockboard/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { generateSession } from '../bench/replay/generateSession.js'
import { startServer, type TestServer } from '../helpers/server.js'

/**
 * The design review of the benchmark's generated session (seed 7, as `npm run bench:replay`) at
 * instants whose findings were worked out by hand from the generator's script and the rules' text.
 * Shape ids are random, so shapes are named by kind and label as they stood at that instant.
 */
const SEED = 7
const MIN = 60_000

let server: TestServer
let token: string
let startAt: number
let id: string

beforeAll(async () => {
  server = await startServer({ config: { snapshotEvery: 500 } })
  startAt = Date.now() - 2 * 3_600_000
  const generated = await generateSession(server.app.context.storage, {
    id: `bench-replay-${SEED}`,
    startAt,
    seed: SEED,
    snapshotEvery: 500,
  })
  id = generated.id
  token = server.app.context.signer.sign({
    sessionId: id,
    role: 'interviewer',
    expiresAt: Math.floor(Date.now() / 1000) + 3_600,
  })
}, 240_000)

afterAll(() => server?.close())

const get = (path: string) =>
  fetch(`${server.url}/api/sessions/${id}${path}`, { headers: { authorization: `Bearer ${token}` } })

/** `rule kind "label"` for each finding open at `minute`, sorted; shapes read from the board at that instant. */
async function openAt(minute: number): Promise<{ open: string[]; review: Review }> {
  const at = Math.round(startAt + minute * MIN)
  const state = await get(`/state?doc=board&at=${at}`)
  expect(state.status).toBe(200)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await state.arrayBuffer()))
  const names = new Map<string, string>()
  for (const r of readBoardRecords(doc)) {
    if (r.typeName !== 'shape' || r.type !== 'system-component') continue
    const props = r.props as { kind: string; label: string }
    names.set(r.id, `${props.kind} "${props.label}"`)
  }
  doc.destroy()
  const res = await get(`/review?at=${at}`)
  expect(res.status).toBe(200)
  const review = (await res.json()) as Review
  const open = review.findings.map((f) => `${f.rule} ${f.shapeIds.map((s) => names.get(s) ?? s).join(' ')}`)
  return { open: open.sort(), review }
}

describe('design review of the generated benchmark session (hand-checked instants)', () => {
  it('4 s in: the board holds only the notes template, nothing to review', async () => {
    const { review } = await openAt(4 / 60)
    expect(review.findings).toEqual([])
    expect(review.estimates.inputs).toEqual(EMPTY_ESTIMATES)
  })

  it('minute 2: three components placed in requirements, no arrows, a label half typed', async () => {
    // The requirements phase draws components only (no arrows in its weights): each is unconnected,
    // none is messaging or a cache, no client reaches anything, so nothing else applies.
    const { open, review } = await openAt(2)
    expect(open).toEqual([
      'unconnected-component object-storage "Search"',
      'unconnected-component web-server "Hot shard"',
      'unconnected-component wide-column-db "Fa"',
    ])
    expect(review.findings.find((f) => f.message.startsWith('Fa '))?.message).toBe(
      'Fa is not connected to anything.',
    )
  })

  it('minute 11, end of requirements: 21 unconnected components and one stream nobody reads', async () => {
    const { open } = await openAt(11)
    const unconnected = [
      'api-gateway "Billing"',
      'api-gateway "Ingest"',
      'auth-service "Timeline"',
      'circuit-breaker "Billing"',
      'config-service "Timeline"',
      'event-stream "Replica"',
      'external-user "Billing"',
      'external-user "Billing"',
      'key-value-store ""',
      'mobile-app "User service"',
      'object-storage "Search"',
      'rate-limiter "Replica"',
      'scheduler "Media"',
      'scheduler "Search"',
      'scheduler "Timeline"',
      'search-index "User service"',
      'secrets-kms "Media"',
      'stream-processor "API"',
      'web-browser "Billing"',
      'web-server "Hot shard"',
      'wide-column-db "Fan-out"',
    ]
    expect(open).toEqual(
      [
        'queue-without-consumer event-stream "Replica"',
        ...unconnected.map((n) => `unconnected-component ${n}`),
      ].sort(),
    )
  })

  it('minute 13, design under way: 8 arrows, two single points of failure behind clients', async () => {
    // Arrows then: object-storage Search → stream-processor API (SQL); scheduler Media → search-index
    // User service; config-service Timeline → search-index User service; web-browser Billing → api-gateway
    // Ingest; scheduler Search → scheduler Media (HTTPS); external-user Billing → scheduler Media (gRPC);
    // circuit-breaker Billing → service Billing; web-server Hot shard → circuit-breaker Billing.
    // Reachable from a client: scheduler Media (a scheduler wired to it is its redundant peer),
    // search-index User service and api-gateway Ingest (one instance, no peer of their kind: SPOF).
    // The longest client path has 2 hops; no cache; every replica count is 1; no estimates.
    const { open } = await openAt(13)
    const unconnected = [
      'api-gateway "Billing"',
      'auth-service "Timeline"',
      'cdn "Feed service"',
      'cdn "Primary"',
      'circuit-breaker "API"',
      'circuit-breaker "Feed service"',
      'event-stream "Replica"',
      'event-stream "Timeline"',
      'external-user "Billing"',
      'key-value-store "Primary"',
      'load-balancer "Fan-out"',
      'mobile-app "User service"',
      'object-storage "Timeline"',
      'payment-provider "Replica"',
      'payment-provider "Search"',
      'pubsub-topic "Feed service"',
      'rate-limiter "Replica"',
      'scheduler "Timeline"',
      'scheduler "Timeline"',
      'secrets-kms "Media"',
      'tracing "Feed service"',
      'waf "Feed service"',
      'wide-column-db "Fan-out"',
    ]
    expect(open).toEqual(
      [
        'queue-without-consumer event-stream "Replica"',
        'queue-without-consumer event-stream "Timeline"',
        'queue-without-consumer pubsub-topic "Feed service"',
        'single-point-of-failure api-gateway "Ingest"',
        'single-point-of-failure search-index "User service"',
        ...unconnected.map((n) => `unconnected-component ${n}`),
      ].sort(),
    )
  })

  it('at the end: the session never filled the estimates card, so no write hotspot is claimed', async () => {
    const { review } = await openAt(59.9)
    expect(review.findings.length).toBeGreaterThan(0)
    expect(review.findings.filter((f) => f.rule === 'write-hotspot')).toEqual([])
    expect(review.estimates.inputs).toEqual(EMPTY_ESTIMATES)
    expect(review.estimates.lines.find((l) => l.id === 'peakWriteQps')?.value).toBeNull()
  })
})
