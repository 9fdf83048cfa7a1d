import { T } from '@tldraw/validate'

import { FRAME_KINDS } from './catalog.js'

/**
 * Props validators of our custom tldraw shapes: the browser's schema and the server's record check
 * use these same objects, so a record one accepts the other accepts. Kept on a subpath
 * (`@mockboard/shared/boardShapes`) so importing the rest of `shared` does not load tldraw's validators.
 */

export const SYSTEM_COMPONENT_TYPE = 'system-component' as const

/** Upper bound keeps a typo ("1000") from drawing a thousand stacked cards. */
export const MAX_REPLICAS = 999

export const systemComponentProps = {
  /** A `ComponentKind.kind` from the shared catalog. */
  kind: T.string,
  label: T.string,
  technology: T.string,
  replicas: T.integer.check((n) => {
    if (n < 1 || n > MAX_REPLICAS) throw new Error(`replicas must be 1–${MAX_REPLICAS}`)
  }),
  shardKey: T.string,
  notes: T.string,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

export const SYSTEM_FRAME_TYPE = 'system-frame' as const

const FRAME_KIND_IDS: readonly string[] = FRAME_KINDS.map((f) => f.kind)

export const systemFrameProps = {
  /** A `FrameKind` from the shared catalog (region, availability-zone, vpc). */
  kind: T.string.check((k) => {
    if (!FRAME_KIND_IDS.includes(k)) throw new Error(`unknown frame kind ${k}`)
  }),
  label: T.string,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}
