import { encodeStructs } from './encodeStructs.js'
import { syncUpdate } from './rawSync.js'

/**
 * A sync frame with one struct under client `id` at clock `next`, after that client's last one,
 * holding `value` in an array: what a link holder sends to write under someone else's id.
 */
export const structAtClock = (id: number, next: number, value: unknown): Uint8Array =>
  syncUpdate(encodeStructs([[id, next, [{ kind: 'any', origin: [id, next - 1], values: [value] }]]]))
