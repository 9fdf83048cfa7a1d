import { CloseCode, FATAL_CLOSE_CODES } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { closeMessage } from '../../client/src/sync/closeMessage.js'
import { worstState } from '../../client/src/sync/connectionState.js'

describe('what a participant reads when the server closes', () => {
  it('has words (not a code) for every close that stops the reconnect loop', () => {
    for (const code of FATAL_CLOSE_CODES) {
      const { title, message } = closeMessage(code)
      expect(title).not.toBe('Disconnected')
      expect(`${title} ${message}`).not.toContain(String(code))
    }
    expect(closeMessage(CloseCode.docFull).title).toBe("This board is full: new edits can't be saved")
    expect(closeMessage(CloseCode.messageTooBig).title).toBe('Your last change was too large to send')
  })

  it('keeps retrying after slow-reader, rate-limit, server-full and internal-error closes', () => {
    for (const code of [
      CloseCode.slowConsumer,
      CloseCode.rateLimited,
      CloseCode.serverFull,
      CloseCode.goingAway,
      1011,
    ]) {
      expect(FATAL_CLOSE_CODES.has(code)).toBe(false)
    }
  })

  it('shows the least healthy of several documents', () => {
    expect(worstState('connected', 'connected')).toBe('connected')
    expect(worstState('connected', 'reconnecting')).toBe('reconnecting')
    expect(worstState('offline', 'reconnecting')).toBe('offline')
    expect(worstState('failed', 'connected')).toBe('failed')
  })
})
