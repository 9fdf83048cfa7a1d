import { SYSTEM_FRAME_TYPE, systemFrameProps as sharedProps } from '@mockboard/shared/boardShapes'
import type { RecordProps, TLShape } from 'tldraw'

export { SYSTEM_FRAME_TYPE }

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

/** Defined in shared/ so the server validates board records with the very same rules. */
export const systemFrameProps: RecordProps<SystemFrameShape> = sharedProps

export const FRAME_SIZE = { w: 520, h: 340 } as const
