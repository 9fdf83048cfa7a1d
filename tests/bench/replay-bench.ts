/**
 * `npm run bench:replay`: records a realistic 60-minute session (`BENCH_REPLAY_MINUTES`) into a real server's storage,
 * then measures the history endpoint, `state?at=` at 200 random instants, and seeking in the
 * replay page in headless Chromium. Prints a table, writes tests/artifacts/bench-replay.json and
 * the README section it proposes to /tmp/bench-replay-readme.md.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { findChromium } from '../helpers/browser.js'
import { ensureClientBuilt } from '../helpers/buildClient.js'
import { builtServerEntry, type ChildServer, spawnServer } from '../helpers/child.js'
import { CLIENT_DIST, startServer } from '../helpers/server.js'
import { generateSession } from './replay/generateSession.js'
import { type BrowserFigures, measureBrowser } from './replay/measureBrowser.js'
import { measureBytes } from './replay/measureBytes.js'
import { measureHttp, shapesIn } from './replay/measureHttp.js'
import { machineInfo, readmeSection, type ReplayBenchResult, table } from './replay/report.js'

const SEED = Number(process.env.BENCH_SEED ?? 7)
/** `BENCH_REPLAY_MINUTES=180`: the 3-hour session; `10`: a quick run (the script is stretched or squeezed to fit). */
const MINUTES = Number(process.env.BENCH_REPLAY_MINUTES ?? 60)
const TARGET_P95_MS = 30
const ARTIFACT = fileURLToPath(new URL('../artifacts/bench-replay.json', import.meta.url))
const README_OUT = '/tmp/bench-replay-readme.md'

async function main(): Promise<void> {
  const chromium = findChromium()
  if (chromium) ensureClientBuilt()
  else console.warn('⚠️  No Chromium found (set CHROMIUM_PATH): the in-page seek figures will be skipped.')
  // The session is recorded straight into a server's storage, then served by our server as `npm
  // start` runs it, in a process of its own: not sharing an event loop with this driver.
  const recorder = await startServer({ config: { snapshotEvery: 500 } })
  let server: ChildServer | null = null
  try {
    const { storage, signer } = recorder.app.context
    const id = `bench-replay-${SEED}`
    // A past session: it ended an hour ago, like the replays people open.
    const startAt = Date.now() - (MINUTES + 60) * 60_000
    console.log(`Recording a ${MINUTES}-minute session…`)
    const session = await generateSession(storage, {
      id,
      startAt,
      seed: SEED,
      snapshotEvery: 500,
      minutes: MINUTES,
    })
    const storedBytes = (await storage.listUpdates(id)).reduce((n, u) => n + u.size, 0)
    console.log(`  ${session.updates.board} board updates in ${(session.generateMs / 1000).toFixed(1)} s`)
    // Signed with the secret the recorder kept in the data folder, which the server reads.
    const token = signer.sign({
      sessionId: id,
      role: 'interviewer',
      expiresAt: Math.floor(Date.now() / 1000) + 3_600,
    })
    await recorder.close({ keepData: true })
    const served = await spawnServer(
      {
        PORT: '0',
        MOCKBOARD_DATA: recorder.dataDir,
        MOCKBOARD_SNAPSHOT_EVERY: '500',
        // The bench reads far more than a person would from one address.
        MOCKBOARD_READS_PER_MINUTE: '0',
        ...(chromium ? { MOCKBOARD_CLIENT_DIST: CLIENT_DIST } : {}),
      },
      { entry: await builtServerEntry() },
    )
    server = served

    console.log('Measuring the HTTP endpoints…')
    const http = await measureHttp(
      served.url,
      id,
      token,
      { startAt: session.startAt, endAt: session.endAt },
      SEED,
    )
    const bytes = await measureBytes(served.url, id, token)
    if (http.seek.ms.p95 > TARGET_P95_MS)
      console.warn(`⚠️  state?at= p95 ${http.seek.ms.p95} ms is over the ${TARGET_P95_MS} ms target`)

    let browser: BrowserFigures | null = null
    if (chromium) {
      console.log('Measuring the replay page in Chromium…')
      const expectShapes = async (at: number) => {
        const res = await fetch(`${served.url}/api/sessions/${id}/state?doc=board&at=${Math.round(at)}`, {
          headers: { authorization: `Bearer ${token}` },
        })
        return shapesIn(new Uint8Array(await res.arrayBuffer()))
      }
      browser = await measureBrowser({
        url: `${served.url}/s/${id}/replay#token=${token}`,
        seed: SEED,
        expectShapes,
      })
    }

    const result: ReplayBenchResult = {
      machine: { ...machineInfo(), chromium: browser?.chromium ?? null },
      session: { ...session, storedBytes },
      http,
      bytes,
      browser,
      targetP95Ms: TARGET_P95_MS,
    }
    console.log(`\n${table(result)}\n`)
    mkdirSync(fileURLToPath(new URL('../artifacts/', import.meta.url)), { recursive: true })
    writeFileSync(
      ARTIFACT,
      JSON.stringify({ ...result, http: { ...http, seek: { ...http.seek, instants: undefined } } }, null, 2),
    )
    writeFileSync(README_OUT, readmeSection(result))
    console.log(`Wrote ${ARTIFACT} and ${README_OUT}`)
    if (browser && browser.mismatches > 0) process.exitCode = 1
  } finally {
    if (server) {
      server.process.kill('SIGINT')
      await server.exited
    } else await recorder.close({ keepData: true })
    rmSync(recorder.dataDir, { recursive: true, force: true })
  }
}

// Exits when done: a MessagePort left by the run (not the server's: it closed) kept the process up.
main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
