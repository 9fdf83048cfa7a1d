import { availableParallelism, cpus } from 'node:os'

import type { GeneratedSession } from './generateSession.js'
import type { BrowserFigures } from './measureBrowser.js'
import type { WireBytes } from './measureBytes.js'
import type { HttpFigures } from './measureHttp.js'
import type { Summary } from './stats.js'

export interface ReplayBenchResult {
  machine: { nproc: number; cpu: string; node: string; chromium: string | null }
  session: GeneratedSession & { storedBytes: number }
  http: HttpFigures
  bytes: WireBytes
  browser: BrowserFigures | null
  targetP95Ms: number
}

export const machineInfo = () => ({
  nproc: availableParallelism(),
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  node: process.version,
})

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`
const ms = (x: number) => `${x.toFixed(1)} ms`
const farRow = (far: Summary) =>
  far.n === 0 ? 'no far jump' : `far jumps (${far.n}) painted p50 ${ms(far.p50)}, p95 ${ms(far.p95)}`

/** The figures as a Markdown table (printed, and proposed for the README). */
export function table(r: ReplayBenchResult): string {
  const { session: s, http: h, browser: b } = r
  const rows: [string, string][] = [
    [
      'Session',
      `${Math.round((s.endAt - s.startAt) / 60_000)} min, 2 participants, ${s.updates.board.toLocaleString('en')} board + ${s.updates.control} control + ${s.updates.private} private updates, ${(s.storedBytes / 1e6).toFixed(1)} MB of updates`,
    ],
    [
      'Board activity',
      `${s.tally.components} components, ${s.tally.arrows} arrows, ${s.tally.frames} frames created; ${s.tally.deleted} deleted; ${s.tally.notesChars.toLocaleString('en')} characters of notes typed`,
    ],
    [
      '`GET /history`',
      `p50 ${ms(h.history.ms.p50)}, p95 ${ms(h.history.ms.p95)} (${kb(h.history.bytes)} JSON, ${h.history.updates.toLocaleString('en')} events)`,
    ],
    [
      'Bytes on the wire for the whole session (history + board log from the start)',
      `${mb(r.bytes.before)} uncompressed (plain history) → **${mb(r.bytes.gzip)} gzip (${pct(r.bytes.gzip, r.bytes.before)})**, ${mb(r.bytes.br)} brotli (${pct(r.bytes.br, r.bytes.before)}); history ${kb(r.bytes.history.plain)} → ${kb(r.bytes.history.packedGzip)} gzip / ${kb(r.bytes.history.packedBr)} br packed; ${r.bytes.segments.count} segments ${mb(r.bytes.segments.identity)} binary → as steps ${mb(r.bytes.segments.steps)} JSON, ${mb(r.bytes.segments.gzip)} gzip / ${mb(r.bytes.segments.br)} br`,
    ],
    [
      '`GET /state?doc=board&at=` (200 random instants)',
      `p50 ${ms(h.seek.ms.p50)}, **p95 ${ms(h.seek.ms.p95)}**, max ${ms(h.seek.ms.max)} (target p95 ≤ ${r.targetP95Ms} ms)`,
    ],
    [
      'Bytes per board seek',
      `p50 ${kb(h.seek.bytes.p50)}, mean ${kb(h.seek.bytes.mean)}, max ${kb(h.seek.bytes.max)}`,
    ],
    [
      '`GET /state?doc=control&at=`',
      `p50 ${ms(h.control.ms.p50)}, p95 ${ms(h.control.ms.p95)} (${kb(h.control.bytes.mean)})`,
    ],
  ]
  if (b) {
    rows.push(
      [
        'First open of the session (a server just started; nothing of it read before)',
        `history in at ${b.firstOpen.history} ms, first instant on screen at ${b.firstOpen.painted} ms, whole session loaded at ${b.firstOpen.loaded} ms (the page's marks)`,
      ],
      [
        'Replay page: open to first instant shown (opened again, in a fresh browser context)',
        `${b.openMs} ms (the page's marks: history in at ${b.openSteps.history} ms, final board built at ${b.openSteps.finalBoard} ms, drawn by the frame painter at ${b.openSteps.shown} ms and on screen (next frame painted) at ${b.openSteps.painted} ms; tldraw mounted under it at ${b.openSteps.editor} ms and showing it at ${b.openSteps.drawn} ms. The driver's own clock sees the marker late while tldraw mounts)`,
      ],
      ['Replay page: open to whole session loaded (in the background)', `${b.loadedMs} ms`],
      [
        'Seek → board shows it (30 random instants, right after opening)',
        `p50 ${ms(b.cold.shownMs.p50)}, p95 ${ms(b.cold.shownMs.p95)}; next frame painted p50 ${ms(b.cold.paintedMs.p50)}, p95 ${ms(b.cold.paintedMs.p95)}; of which store update p50 ${ms(b.cold.applyMs.p50)}; ${farRow(b.cold.far)}`,
      ],
      [
        'Seek → board shows it (same instants, session loaded)',
        `p50 ${ms(b.warm.shownMs.p50)}, p95 ${ms(b.warm.shownMs.p95)}; painted p50 ${ms(b.warm.paintedMs.p50)}, p95 ${ms(b.warm.paintedMs.p95)}; of which store update p50 ${ms(b.warm.applyMs.p50)}; ${farRow(b.warm.far)}`,
      ],
      [
        '20 far jumps (first third ↔ last third, after the 16× run and the sweep)',
        `painted p50 ${ms(b.farJumps.paintedMs.p50)}, **p95 ${ms(b.farJumps.paintedMs.p95)}**, max ${ms(b.farJumps.paintedMs.max)}; store update p50 ${ms(b.farJumps.applyMs.p50)}, p95 ${ms(b.farJumps.applyMs.p95)}`,
      ],
      [
        'Scrubber drag (2 s across 10 min, 120 moves)',
        `${b.drag.framesShown} distinct instants drawn during the drag; last one shown ${b.drag.settleMs} ms after release`,
      ],
      [
        'Playing at 16× from the start (5 s)',
        `${b.play16.frames} frames painted, ${b.play16.dropped} dropped (longest gap ${b.play16.longestGapMs} ms), ${b.play16.instants} instants drawn`,
      ],
      [
        'Page JS heap',
        `${b.heapMB.open} MB opened, ${b.heapMB.loaded} MB with the whole session loaded, ${b.heapMB.afterPlay} MB after the 16× run, ${b.heapMB.afterSweep} MB after sweeping the scrubber through it (a stop per minute), ${b.heapMB.afterFarJumps} MB after the 20 far jumps (each after a forced collection)`,
      ],
      [
        'Shape count on page vs server state',
        b.mismatches === 0 ? 'equal at all 30 instants' : `${b.mismatches} of 30 differ`,
      ],
    )
  } else rows.push(['Replay page in Chromium', 'skipped: no Chromium found'])
  return ['| Measure | Result |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n')
}

export function readmeSection(r: ReplayBenchResult): string {
  const m = r.machine
  return `### Replay benchmark (\`npm run bench:replay\`)

The benchmark records a realistic 60-minute mock interview and then measures replay against it.
Two participants work on their own copies of the board (real tldraw stores with the app's schema,
so every record is valid) and each update reaches the other as it would through the server:
components are created and labelled keystroke by keystroke, arrows dragged out between them and
labelled with protocols, shapes dragged around (one update per frame), relabelled, scaled out and
deleted, notes typed; the interviewer runs the phase timer (with a pause), drops bookmarks and
scores the rubric. There are a few silent stretches, as when people talk. Updates are written
through the server's storage API with their own timestamps spread over the hour, and the log is
compacted every 500 updates per document with the server's own \`compact\`, exactly as a room does.
The server is then started on that data and measured over HTTP on loopback; the replay page is
measured in headless Chromium by moving its scrubber and timing until the board's render marker
names the sought instant.

${table(r)}

Machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, Node ${m.node}${m.chromium ? `, Chromium ${m.chromium}` : ''}. Raw figures:
\`tests/artifacts/bench-replay.json\`.

How the page keeps seeking instant: every instant maps to the time of the last update stored at
or before it, so the client caches decoded states by that key (an LRU of 128) and an idle
stretch costs one fetch; requests are coalesced per document (latest wins, one in flight), so a
fast drag costs one round trip per frame drawn, not one per pointer event; and each new state is
applied to the tldraw store as a diff (put what changed, remove what vanished) inside
\`mergeRemoteChanges\`, so the editor never remounts and the camera stays put.
`
}
