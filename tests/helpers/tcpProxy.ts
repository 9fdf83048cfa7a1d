import { connect, createServer, type Socket } from 'node:net'

/** A TCP relay in front of a server, able to go silent like a dropped Wi-Fi link. */
export interface TcpProxy {
  /** http://127.0.0.1:<proxy port> */
  url: string
  /**
   * Stops forwarding in both directions, keeping every socket open and accepting new ones that
   * go nowhere: the browser sees no close, no error, just silence.
   */
  blackhole(): void
  /** Forwards again; links that went silent are cut so clients start fresh ones. */
  restore(): void
  close(): Promise<void>
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const links = new Set<{ client: Socket; upstream: Socket; silent: boolean }>()
  let silent = false
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    const link = { client, upstream, silent }
    links.add(link)
    client.on('data', (d) => {
      if (!link.silent) upstream.write(d)
    })
    upstream.on('data', (d) => {
      if (!link.silent) client.write(d)
    })
    const end = () => {
      links.delete(link)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end)
    upstream.on('close', end)
    client.on('error', end)
    upstream.on('error', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole() {
      silent = true
      for (const link of links) link.silent = true
    },
    restore() {
      silent = false
      for (const link of [...links]) {
        if (!link.silent) continue
        link.client.destroy()
        link.upstream.destroy()
      }
    },
    async close() {
      for (const link of links) {
        link.client.destroy()
        link.upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
