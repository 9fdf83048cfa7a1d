import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from 'tldraw'

import { SYSTEM_COMPONENT_TYPE } from './props'

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
