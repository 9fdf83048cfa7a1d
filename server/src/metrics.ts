import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

let processRegistry: Registry | null = null

/**
 * The process's own metrics (CPU, memory, event-loop lag, GC), collected once per process however
 * many apps it runs: prom-client's collector starts an event-loop-delay sampler and a GC observer
 * that nothing stops, so one per app piled up in a process that builds many (the test run).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry, prefix: 'mockboard_' })
  }
  return processRegistry
}

/**
 * Prometheus metrics of one app instance: its own registry (several apps may share a process),
 * exposed together with the process's.
 */
export function createMetrics() {
  const registry = new Registry()
  const metrics = {
    sessionsCreated: new Counter({
      name: 'mockboard_sessions_created_total',
      help: 'Sessions created',
      registers: [registry],
    }),
    rooms: new Gauge({ name: 'mockboard_rooms', help: 'Documents loaded in memory', registers: [registry] }),
    sockets: new Gauge({ name: 'mockboard_sockets', help: 'Open sync sockets', registers: [registry] }),
    messagesIn: new Counter({
      name: 'mockboard_messages_in_total',
      help: 'Sync frames received',
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'mockboard_messages_out_total',
      help: 'Sync frames sent',
      registers: [registry],
    }),
    bytesIn: new Counter({
      name: 'mockboard_bytes_in_total',
      help: 'Sync bytes received',
      registers: [registry],
    }),
    bytesOut: new Counter({
      name: 'mockboard_bytes_out_total',
      help: 'Sync bytes sent',
      registers: [registry],
    }),
    updatesStored: new Counter({
      name: 'mockboard_updates_stored_total',
      help: 'Updates appended to the log',
      registers: [registry],
    }),
    updatesDropped: new Counter({
      name: 'mockboard_updates_dropped_total',
      help: 'Updates dropped because the sender may not write',
      registers: [registry],
    }),
    updatesRefused: new Counter({
      name: 'mockboard_updates_refused_total',
      help: 'Updates refused (not stored, not relayed), by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    closes: new Counter({
      name: 'mockboard_socket_closes_total',
      help: 'Sockets closed by the server, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    assetBytes: new Counter({
      name: 'mockboard_asset_bytes_total',
      help: 'Image bytes stored by the asset store',
      registers: [registry],
    }),
    dataBytes: new Gauge({
      name: 'mockboard_data_bytes',
      help: 'Bytes the store of record holds (counted on writes, re-measured every minute)',
      registers: [registry],
    }),
    dataMaxBytes: new Gauge({
      name: 'mockboard_data_max_bytes',
      help: 'MOCKBOARD_MAX_DATA_BYTES (0: no cap)',
      registers: [registry],
    }),
    storageWrite: new Histogram({
      name: 'mockboard_storage_write_seconds',
      help: "Time from accepting an update to its being stored (waiting behind the room's earlier writes included)",
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
  }
  return { ...metrics, registry: Registry.merge([processMetrics(), registry]) }
}

export type Metrics = ReturnType<typeof createMetrics>
