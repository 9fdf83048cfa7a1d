import { BoardKeys, type SessionReport } from '@mockboard/shared'
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { docOfParts } from '../../server/src/replay/docState.js'
import { loadParts } from '../../server/src/replay/readStored.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()

const NOTES =
  'Sticky sessions: a user stays on one gateway.\n# Not a heading <script>alert(1)</script> [x](https://evil.example)\n```\nfence'

describe('component notes in the report', () => {
  it('appear in report.json and report.md under their component, as inert text', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    // Straight into the stored log, as the board doc holds records written by the live client.
    const doc = docOfParts(await loadParts(s.app.context.storage, session.id, 'board'))
    const before = Y.encodeStateVector(doc)
    const component = (id: string, label: string, notes: string) => ({
      key: id,
      val: {
        id,
        typeName: 'shape',
        type: 'system-component',
        parentId: 'page:page',
        props: { kind: 'service', label, technology: 'Go', replicas: 1, shardKey: '', notes },
      },
    })
    doc
      .getArray<unknown>(BoardKeys.records)
      .push([
        component('shape:gw', 'WebSocket gateway', NOTES),
        component('shape:svc', 'Quiet service', '  '),
      ])
    await s.app.context.storage.appendUpdate(
      session.id,
      'board',
      Y.encodeStateAsUpdate(doc, before),
      Date.now(),
    )
    doc.destroy()
    const auth = { authorization: `Bearer ${session.tokens.candidate}` }

    const json = (await (
      await fetch(`${s.url}/api/sessions/${session.id}/report.json`, { headers: auth })
    ).json()) as SessionReport
    expect(json.inventory.components.find((c) => c.label === 'WebSocket gateway')?.notes).toBe(NOTES)

    const md = await (await fetch(`${s.url}/api/sessions/${session.id}/report.md`, { headers: auth })).text()
    const html = await marked.parse(md, { gfm: true })
    const at = html.indexOf('<strong>WebSocket gateway</strong>')
    expect(at).toBeGreaterThan(html.indexOf('Components ('))
    // The note follows its component's name, every character as typed, nothing interpreted.
    const block = html.slice(at, html.indexOf('</pre>', at))
    expect(block).toContain('Sticky sessions: a user stays on one gateway.')
    expect(block).toContain('# Not a heading &lt;script&gt;alert(1)&lt;/script&gt; [x](https://evil.example)')
    expect(block).toContain('```\nfence')
    expect(html).not.toMatch(/<script|<a |<h[1-6]>Not a heading/)
    // A component with blank notes gets no notes entry.
    expect(html).not.toContain('<strong>Quiet service</strong>')
  })
})
