/**
 * Micro-benchmark of the per-update work the sync server added before applying a board update
 * (server/src/sync/UpdateGate.ts: decode, dependency check, record validation), next to the cost
 * of applying the same update. `npx tsx tests/bench/gate-bench.ts`: a few seconds, one core.
 */
import { BoardKeys, openBoardRecords } from '@mockboard/shared'
import * as Y from 'yjs'

import { BoardRecordCheck } from '../../server/src/sync/BoardRecordCheck.js'
import { inspectUpdate } from '../../server/src/sync/inspectUpdate.js'
import { ShapeNesting } from '../../server/src/sync/ShapeNesting.js'
import { UpdateGate } from '../../server/src/sync/UpdateGate.js'

const SHAPES = 300
const EDITS = 3000

const shape = (i: number, x: number) => ({
  id: `shape:${i}`,
  typeName: 'shape',
  type: 'system-component',
  x,
  y: i * 10,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
  props: {
    kind: 'cache',
    label: `Cache ${i}`,
    technology: 'Redis',
    replicas: 2,
    shardKey: 'user_id',
    notes: '',
    w: 184,
    h: 76,
  },
})

// A client's board with SHAPES cards, and the server's copy of it.
const client = new Y.Doc()
const records = openBoardRecords<ReturnType<typeof shape>>(client)
client.transact(() => {
  for (let i = 0; i < SHAPES; i++) records.set(`shape:${i}`, shape(i, 0))
})
const server = new Y.Doc()
Y.applyUpdate(server, Y.encodeStateAsUpdate(client))

// EDITS moves of one card each (what a drag sends), captured as updates.
const updates: Uint8Array[] = []
client.on('update', (u: Uint8Array) => updates.push(u))
for (let i = 0; i < EDITS; i++) records.set(`shape:${i % SHAPES}`, shape(i % SHAPES, i))

const check = new BoardRecordCheck()
const gate = new UpdateGate(
  'board',
  { maxDocBytes: 1 << 30, maxPendingBytes: 65536, maxUpdateStructs: 1e9, maxTypeDepth: 64 },
  check,
  // As a board room's gate has it (RoomPolicy).
  new ShapeNesting(32),
)
let gateMs = 0
let applyMs = 0
let inspectMs = 0
let validateMs = 0
for (const u of updates) {
  const t0 = performance.now()
  const refusal = gate.refusal(server, u, 0, { spend: () => true, role: 'candidate' })
  const t1 = performance.now()
  const inserted = inspectUpdate(server, u, [BoardKeys.records]).inserted.get(BoardKeys.records)!
  const t2 = performance.now()
  check.problem(inserted)
  const t3 = performance.now()
  Y.applyUpdate(server, u)
  const t4 = performance.now()
  if (refusal) throw new Error(`refused: ${JSON.stringify(refusal)}`)
  gateMs += t1 - t0
  inspectMs += t2 - t1
  validateMs += t3 - t2
  applyMs += t4 - t3
}
const avg = (ms: number) => ((ms / updates.length) * 1000).toFixed(1)
console.log(
  `${updates.length} one-card moves on a ${SHAPES}-card board (avg update ${Math.round(updates.reduce((s, u) => s + u.length, 0) / updates.length)} B):`,
)
console.log(`  gate (decode, dependencies, validation, nesting): ${avg(gateMs)} µs/update`)
console.log(`    of which decoding and dependencies:              ${avg(inspectMs)} µs/update`)
console.log(`    of which tldraw record validation:               ${avg(validateMs)} µs/update`)
console.log(`  Y.applyUpdate of the same update:                 ${avg(applyMs)} µs/update`)
