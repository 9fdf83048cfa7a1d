import { ArrowBindingUtil } from 'tldraw'

/**
 * Arrow bindings without their side effects. Live, these re-anchor and reparent arrows when a
 * bound shape changes; in a replay every record already holds what those effects produced when
 * it was recorded, so running them again would only cost time (layout reads for hundreds of
 * arrows on a long jump) and could nudge the board away from what was actually recorded.
 */
export class ReplayArrowBindingUtil extends ArrowBindingUtil {
  override onAfterCreate(): void {}
  override onAfterChange(): void {}
  override onAfterChangeFromShape(): void {}
  override onAfterChangeToShape(): void {}
  override onBeforeIsolateFromShape(): void {}
}

/** Module scope: a new array per render would remount the editor. */
export const replayBindingUtils = [ReplayArrowBindingUtil]
