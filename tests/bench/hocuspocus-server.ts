/** The hocuspocus reference as a child process: no extensions, so no auth and no persistence. */
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT)
const server = new Server({
  port,
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
})
await server.listen()
