import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

import { codeSplitting } from './chunking'
import { precompress } from './precompress'

const SERVER = process.env.MOCKBOARD_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/sizes.mjs walks the manifest to measure what the session page and the replay load.
    manifest: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: { output: { codeSplitting } },
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: true },
      '/sync': { target: SERVER, ws: true, changeOrigin: true },
    },
  },
  // Vite 8 pre-bundling rewrites @tldraw/assets' `new URL(..., import.meta.url)` imports and
  // the fonts/icons then 404 in dev.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
})
