import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  type TLSchema,
} from '@tldraw/tlschema'
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

/** Every change to SystemComponentProps adds a version here: boards persist forever. */
export const systemComponentVersions = createShapePropsMigrationIds(SYSTEM_COMPONENT_TYPE, {
  Initial: 1,
})

export const systemComponentMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: systemComponentVersions.Initial,
      // Version 1 is the first shipped shape; the step exists so later ones have a base.
      up: () => {},
      down: () => {},
    },
  ],
})

/** Every change to SystemFrameProps adds a version here: boards persist forever. */
export const systemFrameVersions = createShapePropsMigrationIds(SYSTEM_FRAME_TYPE, {
  Initial: 1,
})

export const systemFrameMigrations = createShapePropsMigrationSequence({
  sequence: [{ id: systemFrameVersions.Initial, up: () => {}, down: () => {} }],
})

/**
 * The board's record schema, built from props and migrations only (no React): the browser's store,
 * Node tests and the server's update gate use exactly this one, so the schema a board's doc
 * records (its `meta` map) is the same wherever it is written.
 */
export function createBoardSchema(): TLSchema {
  return createTLSchema({
    shapes: {
      ...defaultShapeSchemas,
      [SYSTEM_COMPONENT_TYPE]: { props: systemComponentProps, migrations: systemComponentMigrations },
      [SYSTEM_FRAME_TYPE]: { props: systemFrameProps, migrations: systemFrameMigrations },
    },
    bindings: defaultBindingSchemas,
  })
}
