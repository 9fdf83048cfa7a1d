import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from 'tldraw'

import { systemComponentMigrations } from './system-component/migrations'
import { SYSTEM_COMPONENT_TYPE, systemComponentProps } from './system-component/props'
import { systemFrameMigrations } from './system-frame/migrations'
import { SYSTEM_FRAME_TYPE, systemFrameProps } from './system-frame/props'

/**
 * The board's record schema, built from props and migrations only (no React), so Node tests and
 * the browser agree on exactly the same schema.
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
