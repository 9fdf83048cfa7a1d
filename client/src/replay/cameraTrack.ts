import { type CameraRole, type CameraSample, cameraViewport } from '@mockboard/shared'
import type { Editor, TLPageId } from 'tldraw'

import { lastAtOrBefore } from './lastAtOrBefore'

/** A participant whose view the replay can follow, named as they last called themselves. */
export interface Followable {
  role: CameraRole
  name: string
}

/** Each participant's recorded cameras, for "Follow" in the replay. */
export class CameraTrack {
  private readonly byRole = new Map<CameraRole, { times: number[]; samples: CameraSample[] }>()

  constructor(cameras: readonly CameraSample[]) {
    for (const c of cameras) {
      let track = this.byRole.get(c.role)
      if (!track) this.byRole.set(c.role, (track = { times: [], samples: [] }))
      track.times.push(c.at)
      track.samples.push(c)
    }
  }

  /** The candidate first, then the interviewer: the person being interviewed is who a coach follows most. */
  get followables(): Followable[] {
    return (['candidate', 'interviewer'] as const).flatMap((role) => {
      const last = this.byRole.get(role)?.samples.at(-1)
      return last ? [{ role, name: last.name }] : []
    })
  }

  /** What `role` saw at `t`: the last sample at or before it (before their first, that first one). */
  at(role: CameraRole, t: number): CameraSample | null {
    const track = this.byRole.get(role)
    if (!track) return null
    return track.samples[Math.max(0, lastAtOrBefore(track.times, t))] ?? null
  }
}

/**
 * Shows what a sample saw: its page, and its viewport fitted into ours (centred on the same point;
 * the zoom differs only as much as the screens' shapes do).
 */
export function showCamera(editor: Editor, sample: CameraSample): void {
  const page = sample.page as TLPageId
  if (page !== editor.getCurrentPageId() && editor.getPage(page)) editor.setCurrentPage(page)
  editor.zoomToBounds(cameraViewport(sample), { inset: 0 })
}
