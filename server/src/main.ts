import { fileURLToPath } from 'node:url'

import { buildApp, createLogger } from './app.js'
import { ConfigError, loadConfig } from './config.js'

/** The only entry that listens: `npm start` runs this. */
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`mockboard: configuration error: ${err.message}`)
      process.exit(2)
    }
    throw err
  }
  if (!config.clientDist)
    config = { ...config, clientDist: fileURLToPath(new URL('../../client/dist', import.meta.url)) }
  const logger = createLogger(config.logLevel)
  const app = await buildApp(config, { logger })
  await app.fastify.listen({ port: config.port, host: config.host })
  const address = app.fastify.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  logger.info(
    { port },
    `Mockboard is up on http://${host}:${port} (storage: ${app.context.storage.kind} in ${config.dataDir})`,
  )

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: closing sockets and flushing storage')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    app.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err) => {
  console.error('mockboard: failed to start:', err)
  process.exit(1)
})
