import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text assets worth compressing (fonts and images are compressed formats already). */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|html)$/
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of the build, at the
 * highest levels, once: the server sends them to browsers that accept them (@fastify/static's
 * `preCompressed`). The app's scripts and styles are 3.1 MB as built (0.8 MB in brotli), tldraw's
 * chunk alone 1.86 MB (0.46 MB): over a real network that was most of the wait to the first board.
 */
export function precompress(): Plugin {
  return {
    name: 'mockboard:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir
      if (!dir) return
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name))
      await Promise.all(
        files.map(async (name) => {
          const path = join(dir, name)
          const body = await readFile(path)
          if (body.byteLength < MIN_BYTES) return
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
              },
            }),
            gzipAsync(body, { level: 9 }),
          ])
          // A copy that is not smaller is left out: the plain file is served instead.
          if (br.byteLength < body.byteLength) await writeFile(`${path}.br`, br)
          if (gz.byteLength < body.byteLength) await writeFile(`${path}.gz`, gz)
        }),
      )
    },
  }
}
