import { boardRecordsArray, CloseCode, readBoardSchema, writeBoardSchema } from '@mockboard/shared'
import {
  createShapeId,
  createTLStore,
  DocumentRecordType,
  type IndexKey,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLRecord,
  type TLShapeId,
  type TLStore,
} from 'tldraw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createBoardSchema } from '../../client/src/shapes/schema'
import { bindStoreToYDoc } from '../../client/src/sync/bindStoreToYDoc'
import { SchemaMismatchError } from '../../client/src/sync/SchemaMismatchError'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient, type YClient } from '../helpers/yclient'

const PAGE = PageRecordType.createId('page')

function newStore(): TLStore {
  return createTLStore({ schema: createBoardSchema() })
}

function component(id: TLShapeId, label: string, x = 0): TLRecord {
  return {
    id,
    typeName: 'shape',
    type: 'system-component',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: PAGE,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      kind: 'load-balancer',
      label,
      technology: '',
      replicas: 1,
      shardKey: '',
      notes: '',
      w: 184,
      h: 76,
    },
  } as TLRecord
}

const labelOf = (store: TLStore, id: TLShapeId) =>
  (store.get(id) as { props: { label: string } } | undefined)?.props.label

describe('tldraw store ↔ board doc binding through the real server', () => {
  let server: TestServer
  let session: CreatedSession
  const cleanups: Array<() => void> = []

  async function participant(opts: { seed?: boolean } = {}) {
    const client: YClient = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    cleanups.push(() => client.destroy())
    await client.synced
    const store = newStore()
    // What the editor does on mount: make sure a document and a page exist.
    if (opts.seed)
      store.put([
        DocumentRecordType.create({ id: TLDOCUMENT_ID }),
        PageRecordType.create({ id: PAGE, name: 'Page 1', index: 'a1' as IndexKey }),
      ])
    const unbind = bindStoreToYDoc(store, client.doc)
    cleanups.push(unbind)
    return { client, store, unbind }
  }

  beforeEach(async () => {
    server = await startServer()
    session = await createSession(server.url, { title: 'binding' })
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()
    await server.close()
  })

  it('seeds once, then relays puts, updates and deletes both ways', async () => {
    const a = await participant({ seed: true })
    const b = await participant()
    await vi.waitFor(() => expect(b.store.get(PAGE)).toBeDefined())

    const id = createShapeId('lb')
    a.store.put([component(id, 'Load balancer')])
    await vi.waitFor(() => expect(labelOf(b.store, id)).toBe('Load balancer'))

    const current = b.store.get(id) as TLRecord & { props: object }
    b.store.put([{ ...current, props: { ...current.props, label: 'Edge LB' } } as TLRecord])
    await vi.waitFor(() => expect(labelOf(a.store, id)).toBe('Edge LB'))

    a.store.remove([id])
    await vi.waitFor(() => expect(b.store.has(id)).toBe(false))
    // Only one page: the second participant never seeded its own.
    expect(a.store.query.records('page').get()).toHaveLength(1)
  })

  it('keeps edits made offline and merges them on reconnect', async () => {
    const a = await participant({ seed: true })
    const b = await participant()
    await vi.waitFor(() => expect(b.store.get(PAGE)).toBeDefined())

    b.client.provider.disconnect()
    const fromA = createShapeId('a')
    const fromB = createShapeId('b')
    a.store.put([component(fromA, 'made online', 0)])
    b.store.put([component(fromB, 'made offline', 300)])
    await vi.waitFor(() => expect(labelOf(a.store, fromA)).toBe('made online'))
    expect(a.store.has(fromB)).toBe(false)

    b.client.provider.connect()
    await vi.waitFor(() => {
      expect(labelOf(a.store, fromB)).toBe('made offline')
      expect(labelOf(b.store, fromA)).toBe('made online')
    })
  })

  it('refuses a doc written with an incompatible schema, without touching it', async () => {
    await participant({ seed: true })
    const writer = connectClient(server.syncUrl, session.id, 'board', session.tokens.interviewer)
    cleanups.push(() => writer.destroy())
    await writer.synced
    const ours = readBoardSchema(writer.doc) as { schemaVersion: number; sequences: Record<string, number> }
    const future = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.system-component': 99 } }
    // A browser may write only this build's schema (4400 otherwise): a newer one comes from a
    // newer server that shared the storage, written here as the server itself writes.
    const closed = writer.nextClose()
    writeBoardSchema(writer.doc, future)
    expect(await closed).toBe(CloseCode.malformed)
    await server.app.context.registry
      .peek(session.id, 'board')!
      .change((doc) => writeBoardSchema(doc, future))

    // A newcomer is refused outright (a live participant is covered by the next test).
    const late = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    cleanups.push(() => late.destroy())
    await late.synced
    await vi.waitFor(() =>
      expect(
        (readBoardSchema(late.doc) as typeof future | null)?.sequences['com.tldraw.shape.system-component'],
      ).toBe(99),
    )
    const records = boardRecordsArray(late.doc).length
    expect(() => bindStoreToYDoc(newStore(), late.doc)).toThrow(SchemaMismatchError)
    expect(boardRecordsArray(late.doc).length).toBe(records)
  })

  it('reports a schema that turns incompatible while bound', async () => {
    const a = await participant({ seed: true })
    const client = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    cleanups.push(() => client.destroy())
    await client.synced
    const onError = vi.fn()
    cleanups.push(bindStoreToYDoc(newStore(), client.doc, { onError }))

    const ours = readBoardSchema(a.client.doc) as { sequences: Record<string, number> }
    await server.app.context.registry.peek(session.id, 'board')!.change((doc) =>
      writeBoardSchema(doc, {
        ...ours,
        sequences: { ...ours.sequences, 'com.example.unknown-shape': 1 },
      }),
    )
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.any(SchemaMismatchError)))
  })
})
