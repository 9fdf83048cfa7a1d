import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  type TLSchema,
} from '@tldraw/tlschema'

import {
  SYSTEM_COMPONENT_TYPE,
  SYSTEM_FRAME_TYPE,
  systemComponentProps,
  systemFrameProps,
} from './boardShapes.js'

/*
 * The board's whole record schema, on a subpath of its own (`@mockboard/shared/boardSchema`):
 * it loads tldraw's schema package, which the replay's first frame does without.
 */
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
