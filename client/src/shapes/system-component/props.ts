import { T, type RecordProps, type TLShape } from 'tldraw'

export const SYSTEM_COMPONENT_TYPE = 'system-component' as const

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

/** Upper bound keeps a typo ("1000") from drawing a thousand stacked cards. */
export const MAX_REPLICAS = 999

export const systemComponentProps: RecordProps<SystemComponentShape> = {
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

export const COMPONENT_SIZE = { w: 184, h: 76 } as const
