import { spawn } from 'node:child_process'

import { BoardKeys, CloseCode, openBoardRecords } from '@mockboard/shared'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { structAtClock } from '../helpers/forgeStruct.js'
import { setTimer } from '../helpers/harness.js'
import { awarenessFrame, openRaw, type RawSync, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession, loadedRoom, startServer, type TestServer } from '../helpers/server.js'
import {
  createDatabase,
  type Service,
  skipUnlessServices,
  startPostgres,
  startRedis,
} from '../helpers/services.js'
import { connectClient, type YClient } from '../helpers/yclient.js'

const skip = skipUnlessServices()
const SECRET = 's'.repeat(40)

describe.skipIf(skip)('two instances behind a load balancer (PostgreSQL + Redis)', () => {
  let pg: Service
  let redis: Awaited<ReturnType<typeof startRedis>>
  let one: TestServer
  let two: TestServer
  const clients: YClient[] = []
  const raws: RawSync[] = []
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args)
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    const databaseUrl = await createDatabase(pg.url, 'scaleout')
    const config = { databaseUrl, redisUrl: redis.url, secret: SECRET }
    one = await startServer({ config })
    two = await startServer({ config })
  })

  afterAll(async () => {
    try {
      // A client whose id was written under by another (the failure some tests here look for)
      // throws on destroy: the servers must stop all the same.
      for (const c of clients)
        try {
          c.destroy()
        } catch {
          // its socket closes with the server
        }
      for (const r of raws) r.ws.terminate()
      await one?.close()
      await two?.close()
    } finally {
      await redis?.stop()
      await pg?.stop()
    }
  })

  /** Stops Redis, so what is published meanwhile is lost; returns a restart on the same port. */
  const stopRedis = async () => {
    const port = new URL(redis.url).port
    await redis.stop()
    return () => {
      const restarted = spawn(
        'redis-server',
        ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      )
      redis = {
        ...redis,
        process: restarted,
        stop: () =>
          new Promise<void>(
            (resolve) => (restarted.once('exit', () => resolve()), restarted.kill('SIGTERM')),
          ),
      }
    }
  }
  const boardUpdatesStored = (sessionId: string, count: number) =>
    vi.waitFor(async () =>
      expect(
        (await one.app.context.storage.listUpdates(sessionId)).filter((e) => e.doc === 'board'),
      ).toHaveLength(count),
    )

  it('relays edits and presence between clients on different instances', async () => {
    const session = await createSession(one.url)
    const a = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([a.synced, b.synced])
    expect(b.doc.getText('notes').toString()).toContain('# Functional requirements')
    a.doc.getMap('m').set('from-one', 1)
    b.doc.getMap('m').set('from-two', 2)
    await vi.waitFor(() => {
      expect(b.doc.getMap('m').get('from-one')).toBe(1)
      expect(a.doc.getMap('m').get('from-two')).toBe(2)
    })
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await vi.waitFor(() =>
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'Ada' } }),
    )
  })

  /** A client on each instance; the first one's edit 'lost' is stored, its message lost; Redis is back. */
  const lostEdit = async () => {
    const session = await createSession(one.url)
    const a = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([a.synced, b.synced])
    // Redis goes away: the next publish is lost (pub/sub keeps nothing).
    const restart = await stopRedis()
    a.doc.getMap('m').set('lost', 1)
    await boardUpdatesStored(session.id, 2)
    restart()
    return { session, a, b }
  }

  it('recovers an update whose fan-out message was lost, from storage', async () => {
    const { a, b } = await lostEdit()
    // Once the instances have reconnected, the next update reveals the gap and both arrive.
    await vi.waitFor(
      () => {
        a.doc.getMap('m').set('next', Date.now())
        expect(b.doc.getMap('m').get('next')).toBeDefined()
      },
      { timeout: 15_000, interval: 300 },
    )
    await vi.waitFor(() => expect(b.doc.getMap('m').get('lost')).toBe(1))
  })

  it('recovers a lost update once the instance that missed it stores one after it', async () => {
    const { session, b } = await lostEdit()
    // No message from the first instance follows: the second's own append reveals the gap.
    b.doc.getMap('m').set('mine', 1)
    await boardUpdatesStored(session.id, 3)
    await vi.waitFor(() => expect(b.doc.getMap('m').get('lost')).toBe(1), { timeout: 5_000 })
  })

  it('ending the session on one instance freezes its documents on the other', async () => {
    const session = await createSession(one.url)
    const control = client(one.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([control.synced, board.synced])
    setTimer(control, { type: 'start' })
    setTimer(control, { type: 'end' })
    await vi.waitFor(() => expect(two.app.context.lifecycle.isEnded(session.id)).toBe(true))
    board.doc.getMap('m').set('too-late', 1)
    await vi.waitFor(async () =>
      expect((await two.app.context.metrics.updatesDropped.get()).values[0]?.value).toBeGreaterThan(0),
    )
    expect(
      (await two.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board'),
    ).toHaveLength(1)
  })

  // A client id belongs to the role that introduced it (UpdateGate): on the other instance too,
  // where it arrives as relayed presence or a relayed update, not through that instance's gate.
  describe("a candidate on the other instance, under the interviewer's client id", () => {
    const rng = new Rng(11)
    const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })
    /** The attacker, and an observer keeping the room loaded on the second instance once it is closed. */
    const candidateOnTwo = async (session: Awaited<ReturnType<typeof createSession>>) => {
      const watcher = client(two.syncUrl, session.id, 'board', session.tokens.observer)
      await watcher.synced
      const attacker = await openRaw(two.syncUrl, session.id, 'board', session.tokens.candidate)
      raws.push(attacker)
      attacker.send(syncStep1())
      const keys = () => [...openBoardRecords(watcher.doc).map.keys()].sort()
      return { attacker, room: await loadedRoom(two, session.id, 'board'), keys }
    }

    it('is refused once the interviewer announced it on the first instance', async () => {
      const session = await createSession(one.url)
      const { attacker, room, keys } = await candidateOnTwo(session)
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
      await honest.synced
      const id = honest.doc.clientID
      // A client's first state (clock 0, empty) is announced but applied nowhere: the board's
      // client sets its user at once, and that state is relayed.
      honest.provider.awareness.setLocalStateField('user', { name: 'Ada' })
      await vi.waitFor(() => expect(room.presence.awareness.getStates().has(id)).toBe(true))
      const forged = { key: 'shape:forged', val: card('shape:forged') }
      attacker.send(
        syncUpdate(encodeStructs([[id, 0, [{ kind: 'any', parent: BoardKeys.records, values: [forged] }]]])),
      )
      expect(await attacker.closed).toBe(CloseCode.malformed)
      openBoardRecords(honest.doc).set('shape:first', card('shape:first'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
    })

    it('is refused at its next clock once the interviewer wrote under it on the first instance', async () => {
      const session = await createSession(one.url)
      // The interviewer is there before the second instance loads the room: its presence never
      // reaches it (stock clients renew theirs every 15 s), only its edits do.
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
      await honest.synced
      const { attacker, room, keys } = await candidateOnTwo(session)
      const id = honest.doc.clientID
      const records = openBoardRecords(honest.doc)
      records.set('shape:first', card('shape:first'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
      expect(room.presence.awareness.getStates().has(id)).toBe(false)
      const next = Y.getState(honest.doc.store, id)
      attacker.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
      expect(await attacker.closed).toBe(CloseCode.malformed)
      // The interviewer's own next edit takes that clock, on both instances.
      records.set('shape:second', card('shape:second'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first', 'shape:second']))
      const reader = client(two.syncUrl, session.id, 'board', session.tokens.observer)
      await reader.synced
      expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual(['shape:first', 'shape:second'])
    })

    it('is refused when the room loads on the second instance after the interviewer wrote under it', async () => {
      const session = await createSession(one.url)
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
      await honest.synced
      honest.provider.awareness.setLocalStateField('user', { name: 'Ada' })
      const records = openBoardRecords(honest.doc)
      records.set('shape:first', card('shape:first'))
      const id = honest.doc.clientID
      await vi.waitFor(async () =>
        expect(
          (await one.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board').length,
        ).toBeGreaterThan(1),
      )
      // Nothing of the interviewer reaches the second instance now but the log.
      expect(two.app.context.registry.peek(session.id, 'board')).toBeUndefined()
      const { attacker, keys } = await candidateOnTwo(session)
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
      const next = Y.getState(honest.doc.store, id)
      attacker.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
      expect(await attacker.closed).toBe(CloseCode.malformed)
      records.set('shape:second', card('shape:second'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first', 'shape:second']))
    })

    /**
     * The interviewer announces itself on the first instance (no edit yet); the second loads the
     * room only afterwards, so that presence never reaches it: only storage's record of the id.
     */
    const interviewerAnnounced = async () => {
      const session = await createSession(one.url)
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
      await honest.synced
      honest.provider.awareness.setLocalStateField('user', { name: 'Ada' })
      const id = honest.doc.clientID
      await vi.waitFor(async () =>
        expect((await one.app.context.storage.loadClientIds(session.id, 'board')).get(id)).toBe(
          'interviewer',
        ),
      )
      const onTwo = await candidateOnTwo(session)
      expect(onTwo.room.presence.awareness.getStates().has(id)).toBe(false)
      return { session, honest, id, records: openBoardRecords(honest.doc), ...onTwo }
    }

    it('is refused when the interviewer only announced the id, before the second instance loaded the room', async () => {
      const { honest, id, records, attacker, keys } = await interviewerAnnounced()
      // Parked at clock 2 (it waits for the id's first two), it would claim the id and later take
      // the interviewer's third edit's place on the second instance.
      attacker.send(structAtClock(id, 2, { key: 'shape:forged', val: card('shape:forged') }))
      expect(await attacker.closed).toBe(CloseCode.malformed)
      for (const key of ['shape:1', 'shape:2', 'shape:3']) records.set(key, card(key))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:1', 'shape:2', 'shape:3']))
      expect(Y.getState(honest.doc.store, id)).toBe(3)
    })

    it("cannot take the interviewer's announced id in presence on the second instance, nor write under it", async () => {
      const { session, honest, id, records, attacker, room, keys } = await interviewerAnnounced()
      attacker.send(awarenessFrame(id, 1_000, { user: { name: 'Evil' } }))
      attacker.send(structAtClock(id, 0, { key: 'shape:forged', val: card('shape:forged') }))
      expect(await attacker.closed).toBe(CloseCode.malformed)
      // Frames of one socket are handled in order: the presence state was refused before the close.
      expect(room.presence.awareness.getStates().get(id)).toBeUndefined()
      // The interviewer's reconnect lands on the second instance: its edits go through there.
      honest.provider.disconnect()
      ;(honest.provider as unknown as { serverUrl: string }).serverUrl = two.syncUrl
      honest.provider.connect()
      records.set('shape:first', card('shape:first'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
      const reader = client(one.syncUrl, session.id, 'board', session.tokens.observer)
      await reader.synced
      expect([...openBoardRecords(reader.doc).map.keys()]).toEqual(['shape:first'])
      expect(honest.provider.awareness.getLocalState()).toMatchObject({ user: { name: 'Ada' } })
    })

    it("that claimed the interviewer's id before its first edit (parked) loses it when that edit is relayed", async () => {
      const session = await createSession(one.url)
      // An interviewer that announces nothing: its id is unknown anywhere until its first edit.
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer, { connect: false })
      honest.provider.awareness.setLocalState(null)
      honest.provider.connect()
      await honest.synced
      const { attacker, keys } = await candidateOnTwo(session)
      const id = honest.doc.clientID
      // Parked at clock 2, waiting for the id's first two: it claims the id here.
      attacker.send(structAtClock(id, 2, { key: 'shape:forged', val: card('shape:forged') }))
      const records = openBoardRecords(honest.doc)
      for (const key of ['shape:1', 'shape:2', 'shape:3']) records.set(key, card(key))
      // The first edit's relay says whose the id is: the room drops the parked struct and reloads.
      expect(await attacker.closed).toBe(CloseCode.internalError)
      await vi.waitFor(() => expect(keys()).toEqual(['shape:1', 'shape:2', 'shape:3']), { timeout: 5_000 })
      const reader = client(two.syncUrl, session.id, 'board', session.tokens.observer)
      await reader.synced
      expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual(['shape:1', 'shape:2', 'shape:3'])
    })

    /**
     * The interviewer makes a first edit whose message to the second instance is lost. It
     * announces nothing (else storage records its id at once, and the second instance knows it on
     * loading): the id reaches storage with that edit only.
     */
    const interviewerFirstEditLost = async () => {
      const session = await createSession(one.url)
      const honest = client(one.syncUrl, session.id, 'board', session.tokens.interviewer, { connect: false })
      honest.provider.awareness.setLocalState(null)
      honest.provider.connect()
      await honest.synced
      const onTwo = await candidateOnTwo(session)
      const before = (await one.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board')
      const restart = await stopRedis()
      const records = openBoardRecords(honest.doc)
      records.set('shape:first', card('shape:first'))
      await boardUpdatesStored(session.id, before.length + 1)
      restart()
      expect(onTwo.room.presence.awareness.getStates().has(honest.doc.clientID)).toBe(false)
      /**
       * Another tab of the interviewer (another client id) reveals the gap once Redis is back: the
       * second instance reads the lost edit back from storage.
       */
      const revealGap = async () => {
        const tab = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
        await tab.synced
        await vi.waitFor(
          () => {
            openBoardRecords(tab.doc).set('shape:tab', card('shape:tab'))
            expect(onTwo.keys()).toEqual(['shape:first', 'shape:tab'])
          },
          { timeout: 15_000, interval: 300 },
        )
      }
      return { session, honest, id: honest.doc.clientID, records, revealGap, ...onTwo }
    }

    it("is refused at its next clock when the interviewer's first edit reached the second instance from storage", async () => {
      const { honest, id, records, revealGap, attacker, room, keys } = await interviewerFirstEditLost()
      await revealGap()
      // Neither presence nor a relayed edit told the second instance whose the id is: only storage.
      expect(room.presence.awareness.getStates().has(id)).toBe(false)
      const next = Y.getState(honest.doc.store, id)
      attacker.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
      const accepted = vi.waitFor(() => expect(keys()).toContain('shape:forged'), { timeout: 10_000 })
      expect(await Promise.race([attacker.closed, accepted.then(() => 'accepted')])).toBe(CloseCode.malformed)
      records.set('shape:second', card('shape:second'))
      await vi.waitFor(() => expect(keys()).toEqual(['shape:first', 'shape:second', 'shape:tab']))
    })

    // Sent while the second instance still lacks the interviewer's lost first edit: at its next
    // clock the struct is parked (it waits for the id's earlier structs) and claims the id; at
    // clock 0 it is new, applied and appended. Storage has the interviewer's record: the append
    // is refused, or the catch-up's roles overrule the claim; either way the room is dropped
    // before anything of the candidate's is stored or relayed, and reloads from the log.
    it.each(['next clock', 'clock 0'])(
      'sent during the gap, before the catch-up (%s), is dropped with the room, nowhere stored or shown',
      async (variant) => {
        const { session, honest, id, records, revealGap, attacker, keys } = await interviewerFirstEditLost()
        const forged = { key: 'shape:forged', val: card('shape:forged') }
        attacker.send(
          variant === 'next clock'
            ? structAtClock(id, Y.getState(honest.doc.store, id), forged)
            : syncUpdate(
                encodeStructs([[id, 0, [{ kind: 'any', parent: BoardKeys.records, values: [forged] }]]]),
              ),
        )
        await revealGap()
        expect(await attacker.closed).toBe(CloseCode.internalError)
        expect((await one.app.context.storage.loadClientIds(session.id, 'board')).get(id)).toBe('interviewer')
        records.set('shape:second', card('shape:second'))
        await vi.waitFor(() => expect(keys()).toEqual(['shape:first', 'shape:second', 'shape:tab']), {
          timeout: 5_000,
        })
        const reader = client(two.syncUrl, session.id, 'board', session.tokens.observer)
        await reader.synced
        expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual([
          'shape:first',
          'shape:second',
          'shape:tab',
        ])
      },
    )
  })
})
