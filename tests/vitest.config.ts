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
    // dependencies cost 130 s of a 17-minute run. Files clean up what they start (servers,
    // browsers, temp folders) in their own after-hooks, and pass in any order alone.
    isolate: false,
    reporters: ['default'],
  },
})
