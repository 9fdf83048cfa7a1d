import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and child-process tests are heavy on a 2-core machine: keep files from competing.
    fileParallelism: false,
    reporters: ['default'],
  },
})
