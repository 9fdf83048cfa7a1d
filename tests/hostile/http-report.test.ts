import { BoardKeys, type DocName, PrivateKeys, type SessionReport } from '@mockboard/shared'
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { docOfParts } from '../../server/src/replay/docState.js'
import { loadParts } from '../../server/src/replay/readStored.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()

/** Appends an edit straight to the log, as if it had slipped past the sync validation. */
async function writeStraight(
  storage: Storage,
  sessionId: string,
  doc: DocName,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const ydoc = docOfParts(await loadParts(storage, sessionId, doc))
  const before = Y.encodeStateVector(ydoc)
  edit(ydoc)
  await storage.appendUpdate(sessionId, doc, Y.encodeStateAsUpdate(ydoc, before), Date.now())
  ydoc.destroy()
}

const TITLE =
  '# Owned <script>alert(1)</script> <img src=x onerror=alert(2)> [a](https://evil.example) ![i](x.png)'
const HOSTILE =
  '# Owned <script>alert(1)</script> <img src=x onerror=alert(2)> [click](https://evil.example) ![i](https://evil.example/i.png) www.evil.example'

function deepRichText(depth: number): unknown {
  let node: unknown = { type: 'text', text: 'deep' }
  for (let i = 0; i < depth; i++) node = { type: 'paragraph', content: [node] }
  return node
}

describe('reports hold against bad records and hostile text', () => {
  it('report.json and report.md answer 200 with garbage records in the board and private docs', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const shape = (id: string, type: string, props: unknown) => ({
      id,
      typeName: 'shape',
      type,
      parentId: 'page:page',
      props,
    })
    await writeStraight(s.app.context.storage, session.id, 'board', (doc) => {
      const records = doc.getArray<unknown>(BoardKeys.records)
      records.push([
        {
          key: 'shape:bad-rich',
          val: shape('shape:bad-rich', 'text', { richText: { type: 'doc', content: 5 } }),
        },
        { key: 'shape:bad-props', val: shape('shape:bad-props', 'geo', 'not an object') },
        { key: 'shape:deep', val: shape('shape:deep', 'text', { richText: deepRichText(200) }) },
        {
          key: 'shape:bad-comp',
          val: shape('shape:bad-comp', 'system-component', { kind: 7, label: ['x'], replicas: { n: 1 } }),
        },
        { key: 'shape:no-id', val: { typeName: 'shape', type: 'geo' } },
        {
          key: 'binding:bad',
          val: { id: 'binding:bad', typeName: 'binding', type: 'arrow', fromId: 5, toId: null, props: 'x' },
        },
        { key: 'garbage', val: 42 },
        'not an entry',
        {
          key: 'shape:good',
          val: shape('shape:good', 'system-component', {
            kind: 'cache',
            label: 'Redis',
            technology: 'Redis 7',
            replicas: 3,
          }),
        },
      ])
    })
    await writeStraight(s.app.context.storage, session.id, 'private', (doc) => {
      doc.getMap(PrivateKeys.rubric).set('requirements', { score: 9, comment: 5 })
      doc.getMap(PrivateKeys.rubric).set('scaling', 'nonsense')
      doc
        .getArray(PrivateKeys.bookmarks)
        .push([{ at: 'soon' }, { at: Date.now(), label: { evil: true }, phaseIndex: 'x' }, null])
    })
    const auth = { authorization: `Bearer ${session.tokens.interviewer}` }

    const json = await fetch(`${s.url}/api/sessions/${session.id}/report.json`, { headers: auth })
    expect(json.status).toBe(200)
    const report = (await json.json()) as SessionReport
    expect(report.inventory.components.map((c) => c.label)).toContain('Redis')
    expect(report.inventory.components.find((c) => c.label === 'Redis')?.replicas).toBe(3)
    expect(report.inventory.otherShapes).toMatchObject({ text: 2, geo: 1 })
    expect(report.interviewer?.bookmarks).toHaveLength(1)
    expect(report.interviewer?.rubric.requirements).toEqual({ score: null, comment: '' })

    const md = await fetch(`${s.url}/api/sessions/${session.id}/report.md`, { headers: auth })
    expect(md.status).toBe(200)
    expect(await md.text()).toContain('Redis')

    const history = await fetch(`${s.url}/api/sessions/${session.id}/history`, { headers: auth })
    expect(history.status).toBe(200)
  })

  it('report.md renders user text as the same characters: no heading, HTML, link or image', async () => {
    const s = await h.server()
    const session = await createSession(s.url, {
      title: TITLE,
      problem: `${HOSTILE}\n\`\`\`\n# Fence escape\n<script>bad()</script>`,
    })
    await writeStraight(s.app.context.storage, session.id, 'board', (doc) => {
      doc.getText(BoardKeys.notes).insert(0, `\`\`\`\`\n# Notes heading\n${HOSTILE}\n`)
      doc.getArray<unknown>(BoardKeys.records).push([
        {
          key: 'shape:c',
          val: {
            id: 'shape:c',
            typeName: 'shape',
            type: 'system-component',
            props: { kind: 'cache', label: HOSTILE, technology: '| broken | table |' },
          },
        },
        {
          key: 'shape:f',
          val: {
            id: 'shape:f',
            typeName: 'shape',
            type: 'system-frame',
            props: { kind: 'region', label: HOSTILE },
          },
        },
      ])
    })
    await writeStraight(s.app.context.storage, session.id, 'private', (doc) => {
      doc.getArray(PrivateKeys.bookmarks).push([{ id: 'b1', at: Date.now(), phaseIndex: 0, label: HOSTILE }])
      doc.getMap(PrivateKeys.rubric).set('requirements', { score: 3, comment: HOSTILE })
      doc.getText(PrivateKeys.notes).insert(0, HOSTILE)
    })
    const res = await fetch(`${s.url}/api/sessions/${session.id}/report.md`, {
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    expect(res.status).toBe(200)
    const html = await marked.parse(await res.text(), { gfm: true })

    // The one image is ours (board.png); the only h1 is the title, shown literally.
    expect(html.match(/<img /g)).toHaveLength(1)
    expect(html).toContain('<img src="board.png"')
    expect(html.match(/<h1>/g)).toHaveLength(1)
    expect(html).toMatch(/<h1># Owned &lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    expect(html).not.toMatch(/<script|<a |onerror=alert\(2\)>|<h[1-6]>#? ?(Notes heading|Fence escape)/)
    expect(html).not.toContain('href=')
    // The component table keeps its five columns: the pipes in the technology stayed text.
    const componentRow = html.split('\n').find((line) => line.includes('<td>') && line.includes('broken'))
    expect(componentRow ?? html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))).toContain(
      '| broken | table |',
    )
  })
})
