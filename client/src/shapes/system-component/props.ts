import {
  MAX_REPLICAS,
  SYSTEM_COMPONENT_TYPE,
  systemComponentProps as sharedProps,
} from '@mockboard/shared/boardShapes'
import type { RecordProps, TLShape } from 'tldraw'

export { MAX_REPLICAS, SYSTEM_COMPONENT_TYPE }

export interface SystemComponentProps {
  /** A `ComponentKind.kind` from the shared catalog. */
  kind: string
  label: string
  technology: string
  replicas: number
  shardKey: string
  notes: string
  w: number
  h: number
}

// Registers the shape with tldraw's type system so TLShape covers it.
declare module 'tldraw' {
  interface TLGlobalShapePropsMap {
    [SYSTEM_COMPONENT_TYPE]: SystemComponentProps
  }
}

export type SystemComponentShape = TLShape<typeof SYSTEM_COMPONENT_TYPE>

/** Defined in shared/ so the server validates board records with the very same rules. */
export const systemComponentProps: RecordProps<SystemComponentShape> = sharedProps

export const COMPONENT_SIZE = { w: 184, h: 76 } as const
