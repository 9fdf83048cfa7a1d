import type { Worker } from 'node:worker_threads'

import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { docOfParts, mergeParts } from '../../server/src/replay/docState.js'
import { DocWorkerPool } from '../../server/src/replay/DocWorkerPool.js'

/** A small deterministic PRNG, so a failure names its seed. */
function rng(seed: number) {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

const docOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Everything observable about a doc: its content and the update a GC'd copy encodes to. */
function fingerprint(update: Uint8Array) {
  const doc = docOf(update)
  return {
    array: doc.getArray('a').toJSON(),
    map: Object.fromEntries(
      [...doc.getMap('m').entries()].map(([k, v]) => [k, v instanceof Y.Doc ? `subdoc ${v.guid}` : v]),
    ),
    text: doc.getText('t').toDelta(),
    xml: doc.getXmlFragment('x').toString(),
    sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(),
    state: Y.encodeStateAsUpdate(doc),
  }
}

/**
 * Three peers edit concurrently with every kind of content Yjs has (any values of each type,
 * JSON, binary, strings with astral characters, formats, embeds, nested types, XML elements and
 * hooks, subdocs) and exchange updates now and then; the log is every update in the order a
 * server would have stored it.
 */
function recordLog(seed: number, steps: number): Uint8Array[] {
  const r = rng(seed)
  const peers = [1, 2, 3].map((client) => {
    const doc = new Y.Doc()
    doc.clientID = client * 1000 + seed
    return doc
  })
  const log: Uint8Array[] = []
  for (const doc of peers)
    doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && log.push(u))
  const any = () =>
    [
      null,
      true,
      false,
      42,
      -7,
      3.5,
      Number.MAX_SAFE_INTEGER,
      'π≈3.14 😀',
      { nested: { list: [1, 'two', { three: 3 }], big: 10n ** 10n > 0n }, bytes: new Uint8Array([1, 2, 3]) },
      [undefined, null, 'x'],
    ][Math.floor(r() * 10)]
  for (let i = 0; i < steps; i++) {
    const doc = peers[Math.floor(r() * peers.length)]!
    const arr = doc.getArray<unknown>('a')
    const text = doc.getText('t')
    const op = Math.floor(r() * 11)
    if (op === 0 && arr.length > 0) arr.delete(Math.floor(r() * arr.length), 1)
    else if (op === 1) doc.getMap('m').set(`k${Math.floor(r() * 5)}`, any())
    else if (op === 2) text.insert(Math.floor(r() * (text.length + 1)), r() < 0.3 ? 'a😀b' : 'hello ')
    else if (op === 3 && text.length > 2) text.delete(Math.floor(r() * (text.length - 1)), 1)
    else if (op === 4 && text.length > 2) text.format(0, 2, { bold: r() < 0.5 ? true : null })
    else if (op === 5) text.insertEmbed(0, { image: 'x.png' })
    else if (op === 6) arr.insert(0, [new Y.Map([['inner', any()]])])
    else if (op === 7)
      doc
        .getXmlFragment('x')
        .insert(0, [r() < 0.5 ? new Y.XmlElement('p') : (new Y.XmlHook('hook') as unknown as Y.XmlElement)])
    else if (op === 8) doc.getMap('m').set('sub', new Y.Doc())
    else if (op === 9) doc.getMap('m').set('bin', new Uint8Array([9, 8, 7]))
    else arr.insert(Math.floor(r() * (arr.length + 1)), [any(), any()])
    // Peers sync now and then, so later edits build on each other's structs.
    if (r() < 0.3) {
      const [a, b] = [peers[Math.floor(r() * 3)]!, peers[Math.floor(r() * 3)]!]
      if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote')
    }
  }
  return log
}

/** A snapshot of the log's first n updates, as a server compacts it (applied into a GC'd doc). */
function snapshotOf(log: Uint8Array[], n: number): Uint8Array {
  const doc = new Y.Doc()
  for (const u of log.slice(0, n)) Y.applyUpdate(doc, u)
  return Y.encodeStateAsUpdate(doc)
}

/** The oracle: every update of the prefix applied one by one, as a live peer would have. */
const prefixOf = (log: Uint8Array[], n: number) => {
  const doc = new Y.Doc()
  for (const u of log.slice(0, n)) Y.applyUpdate(doc, u)
  return Y.encodeStateAsUpdate(doc)
}

// What `state?at=` and the report read is exact: snapshot + tail, whatever Yjs content they hold.
describe('a stored document read back (snapshot and tail)', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals the log applied update by update, for every content type (seed ${seed})`, () => {
      const log = recordLog(seed, 160)
      for (const cut of [0, 1, 40, 100]) {
        for (const end of [cut + 1, cut + 30, log.length]) {
          const parts = [...(cut > 0 ? [snapshotOf(log, cut)] : []), ...log.slice(cut, end)]
          const expected = fingerprint(prefixOf(log, end))
          expect(fingerprint(mergeParts(parts)), `merge ${cut}..${end}`).toEqual(expected)
          expect(fingerprint(Y.encodeStateAsUpdate(docOfParts(parts))), `doc ${cut}..${end}`).toEqual(
            expected,
          )
        }
      }
    })
  }

  it('reads an empty document as an empty update', () => {
    expect(fingerprint(mergeParts([]))).toEqual(fingerprint(Y.encodeStateAsUpdate(new Y.Doc())))
  })
})

/** 100 kB from a client of its own, so a task is big enough to leave the event loop. */
function withBulk(log: Uint8Array[]): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 999_999
  doc.getMap('bulk').set('b', 'x'.repeat(100_000))
  return [Y.encodeStateAsUpdate(doc), ...log]
}

describe('DocWorkerPool', () => {
  const pools: DocWorkerPool[] = []
  afterEach(async () => {
    for (const p of pools.splice(0)) await p.close()
  })

  it('merges on a worker thread exactly as in-process, and survives a task that throws', async () => {
    const pool = new DocWorkerPool(1, pino({ level: 'silent' }))
    pools.push(pool)
    // A small task (a control doc) runs inline: no worker is started for it.
    expect(fingerprint(await pool.run({ type: 'merge', parts: [] }))).toEqual(fingerprint(mergeParts([])))
    expect(pool.workers).toBe(0)
    const log = withBulk(recordLog(7, 80))
    const parts = [snapshotOf(log, 30), ...log.slice(30)]
    expect(fingerprint(await pool.run({ type: 'merge', parts }))).toEqual(
      fingerprint(prefixOf(log, log.length)),
    )
    await expect(pool.run({ type: 'merge', parts: [new Uint8Array([5, 1, 2]), parts[0]!] })).rejects.toThrow()
    // Still one worker, still answering.
    const doc = new Y.Doc()
    doc.getText('notes').insert(0, 'kept')
    const read = await pool.run({
      type: 'report',
      board: [Y.encodeStateAsUpdate(doc)],
      control: [],
      private: null,
    })
    expect(read.notes).toBe('kept')
    expect(read.private).toBeNull()
    expect(pool.workers).toBe(1)
  })

  it('replaces a worker that dies, failing only the task it held', async () => {
    const pool = new DocWorkerPool(1, pino({ level: 'silent' }))
    pools.push(pool)
    await pool.run({ type: 'merge', parts: [] })
    const log = withBulk(recordLog(8, 400))
    const running = pool.run({ type: 'merge', parts: [snapshotOf(log, 200), ...log.slice(200)] })
    const failed = expect(running).rejects.toThrow(/exited/)
    // Killed from outside while it works (as an out-of-memory end would): the pool sees it go.
    const [worker] = (pool as unknown as { busy: Map<Worker, unknown> }).busy.keys()
    await worker!.terminate()
    await failed
    expect(fingerprint(await pool.run({ type: 'merge', parts: log.slice(0, 3) }))).toEqual(
      fingerprint(prefixOf(log, 3)),
    )
    expect(pool.workers).toBe(1)
  })
})
