import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and child-process tests are heavy on a 2-core machine: keep files from competing.
    fileParallelism: false,
    // One module graph for every file of a worker: each file re-importing the server and its
    // dependencies cost ~130 s of a 17-minute run. So a file must pass after any other: each
    // cleans up what it starts (servers, browsers, temp folders, stubbed globals), and what is
    // process-wide is made once (the metrics collectors: server/src/metrics.ts).
    isolate: false,
    reporters: ['default'],
  },
})
