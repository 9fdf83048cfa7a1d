import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

const post = (url: string, body: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  })

describe('JSON bodies with keys that reach the prototype', () => {
  it('answers 400 naming the key, not "not valid JSON"; real syntax errors still say so', async () => {
    const s = await server()
    const create = `${s.url}/api/sessions`
    const cases: [string, string][] = [
      ['{"__proto__":{"title":"polluted"}}', 'body.__proto__'],
      ['{"title":"t","phases":[{"__proto__":{"x":1}}]}', 'body.phases[0].__proto__'],
      ['{"constructor":{"prototype":{"x":1}}}', 'body.constructor.prototype'],
    ]
    for (const [body, key] of cases) {
      const res = await post(create, body)
      expect(res.status).toBe(400)
      const { message } = (await res.json()) as { message: string }
      expect(message).toContain(key)
      expect(message).not.toMatch(/not valid JSON/)
    }
    const broken = await post(create, '{"title":')
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { message: string }).message).toMatch(/not valid JSON/)
    expect(Object.prototype).not.toHaveProperty('title')
    // Ordinary JSON bodies still parse.
    const session = await createSession(s.url, { title: 'A plain one' })
    const share = await fetch(`${s.url}/api/sessions/${session.id}/share`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.tokens.interviewer}` },
      body: '{"shared":true}',
    })
    expect(share.status).toBe(200)
  })
})
