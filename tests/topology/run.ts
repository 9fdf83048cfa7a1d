// `npm run topology`: the scale-out topology of docker-compose.yml without Docker — Debian's nginx with
// deploy/nginx.conf in front of two Mockboard instances, a throwaway PostgreSQL and Redis. Ctrl-C stops all.
import { ensureClientBuilt } from '../helpers/buildClient.js'
import { missingServices } from '../helpers/services.js'
import { killInstance, nginxBin, startTopology } from '../helpers/topology.js'

const missing = missingServices() ?? (nginxBin() ? null : 'nginx not found: apt-get install nginx')
if (missing) {
  console.error(`topology: ${missing}`)
  process.exit(2)
}
ensureClientBuilt()
const topology = await startTopology()
console.log(`\nMockboard through nginx: ${topology.url}`)
for (const [i, instance] of topology.instances.entries())
  console.log(
    `  instance ${i + 1}: ${instance.url} (pid ${instance.process.pid}; kill -9 it to see failover)`,
  )
console.log('Ctrl-C stops nginx, both instances, PostgreSQL and Redis.\n')

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void Promise.all(topology.instances.map(killInstance))
    .then(() => topology.stop())
    .then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
