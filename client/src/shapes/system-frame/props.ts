import { T, type RecordProps, type TLShape } from 'tldraw'
import { FRAME_KINDS } from '@mockboard/shared'

export const SYSTEM_FRAME_TYPE = 'system-frame' as const

export interface SystemFrameProps {
  /** A `FrameKind` from the shared catalog (region, availability-zone, vpc). */
  kind: string
  label: string
  w: number
  h: number
}

declare module 'tldraw' {
  interface TLGlobalShapePropsMap {
    [SYSTEM_FRAME_TYPE]: SystemFrameProps
  }
}

export type SystemFrameShape = TLShape<typeof SYSTEM_FRAME_TYPE>

const FRAME_KIND_IDS: readonly string[] = FRAME_KINDS.map((f) => f.kind)

export const systemFrameProps: RecordProps<SystemFrameShape> = {
  kind: T.string.check((k) => {
    if (!FRAME_KIND_IDS.includes(k)) throw new Error(`unknown frame kind ${k}`)
  }),
  label: T.string,
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

export const FRAME_SIZE = { w: 520, h: 340 } as const
