import { describe, expect, it } from 'vitest'

import { TokenSigner } from '../../server/src/tokens.js'

const signer = new TokenSigner(Buffer.from('x'.repeat(32)))
const future = Math.floor(Date.now() / 1000) + 3600

describe('invite tokens', () => {
  it('round-trips the claims', () => {
    const token = signer.sign({ sessionId: 'abc_DEF-123', role: 'candidate', expiresAt: future })
    expect(signer.verify(token)).toEqual({ sessionId: 'abc_DEF-123', role: 'candidate', expiresAt: future })
  })

  it('refuses a changed role, session or expiry', () => {
    const token = signer.sign({ sessionId: 'abc', role: 'candidate', expiresAt: future })
    const [id, , exp, sig] = token.split('.')
    expect(signer.verify(`${id}.i.${exp}.${sig}`)).toBeNull()
    expect(signer.verify(`abd.c.${exp}.${sig}`)).toBeNull()
    expect(signer.verify(`${id}.c.${(future + 1).toString(36)}.${sig}`)).toBeNull()
  })

  it('refuses another secret, expired tokens and junk', () => {
    const other = new TokenSigner(Buffer.from('y'.repeat(32)))
    expect(signer.verify(other.sign({ sessionId: 'abc', role: 'interviewer', expiresAt: future }))).toBeNull()
    expect(signer.verify(signer.sign({ sessionId: 'abc', role: 'interviewer', expiresAt: 1000 }))).toBeNull()
    for (const junk of [
      '',
      'a.b.c',
      'a.b.c.d',
      'a.z.1.' + 'x'.repeat(32),
      'x'.repeat(500),
      null,
      undefined,
    ]) {
      expect(signer.verify(junk)).toBeNull()
    }
  })
})
