import { describe, expect, it } from 'vitest'

import { createMetrics } from '../../server/src/metrics.js'

describe('metrics', () => {
  it('collects the process metrics once for every app in the process, and exposes them with each app’s own', async () => {
    const a = createMetrics()
    const b = createMetrics()
    // One event-loop sampler and GC observer per process: the same metric objects in both apps.
    const lag = 'mockboard_nodejs_eventloop_lag_seconds'
    expect(a.registry.getSingleMetric(lag)).toBeDefined()
    expect(a.registry.getSingleMetric(lag)).toBe(b.registry.getSingleMetric(lag))
    // Each app still counts for itself.
    a.sessionsCreated.inc()
    const text = (m: ReturnType<typeof createMetrics>) => m.registry.metrics()
    expect(await text(a)).toMatch(/^mockboard_sessions_created_total 1$/m)
    expect(await text(b)).toMatch(/^mockboard_sessions_created_total 0$/m)
    expect(await text(b)).toMatch(/^mockboard_process_cpu_user_seconds_total /m)
  })
})
