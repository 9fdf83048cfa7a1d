import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from 'tldraw'

import { SYSTEM_FRAME_TYPE } from './props'

/** Every change to SystemFrameProps adds a version here: boards persist forever. */
export const systemFrameVersions = createShapePropsMigrationIds(SYSTEM_FRAME_TYPE, {
  Initial: 1,
})

export const systemFrameMigrations = createShapePropsMigrationSequence({
  sequence: [{ id: systemFrameVersions.Initial, up: () => {}, down: () => {} }],
})
