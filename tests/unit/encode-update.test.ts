import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'

import { encodeUpdate } from '../../server/src/sync/messages.js'

/** The frame as y-protocols' writeUpdate writes it after the message type. */
function viaEncoder(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

describe('encodeUpdate', () => {
  it('writes the bytes a lib0 encoder writes, at every length where the varUint grows', () => {
    for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152]) {
      const update = Uint8Array.from({ length }, (_, i) => (i * 31 + length) % 256)
      const frame = encodeUpdate(update)
      expect(frame.byteLength, `length ${length}`).toBe(viaEncoder(update).byteLength)
      expect(Buffer.from(frame).equals(Buffer.from(viaEncoder(update))), `length ${length}`).toBe(true)
    }
  })
})
