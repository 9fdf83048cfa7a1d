// The shapes' props modules also declare their types to tldraw (module augmentation).
import './system-component/props'
import './system-frame/props'

/** The board's record schema lives with the shapes' props in shared, where the server reads it too. */
export { createBoardSchema } from '@mockboard/shared/boardSchema'
