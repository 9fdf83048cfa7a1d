import { type CameraRole, type CameraSample, cameraViewport } from '@mockboard/shared'
import { useEffect, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'

import { CameraTrack, type Followable, showCamera } from './cameraTrack'
import { fitCamera } from './fitCamera'

export interface FollowCamera {
  /** Participants with a recorded camera (none for sessions recorded before cameras were). */
  followables: Followable[]
  /** Whose view the camera follows; null: the board fitted once, then free to pan and zoom. */
  following: CameraRole | null
  follow(role: CameraRole | null): void
}

const round = (n: number) => Math.round(n)

/**
 * "Follow: <name>": while following, the replay camera shows what that participant saw at `t`
 * (their recorded camera, see CameraRecorder on the server), moving only when their sample does.
 * Back to "Fit board" fits the board again. `root` gets `data-follow` and `data-view` (the page
 * rectangle shown, rounded) for tests.
 */
export function useFollowCamera(
  editor: Editor | null,
  cameras: readonly CameraSample[] | undefined,
  t: number,
  ready: boolean,
  root: React.RefObject<HTMLElement | null>,
): FollowCamera {
  const track = useMemo(() => new CameraTrack(cameras ?? []), [cameras])
  const [following, setFollowing] = useState<CameraRole | null>(null)
  const sample = following ? track.at(following, t) : null

  useEffect(() => {
    if (!editor || !sample || !ready) return
    showCamera(editor, sample)
    const el = root.current
    if (!el) return
    const v = editor.getViewportPageBounds()
    el.dataset.view = [v.x, v.y, v.w, v.h].map(round).join(',')
    const seen = cameraViewport(sample)
    el.dataset.followed = [seen.x, seen.y, seen.w, seen.h].map(round).join(',')
  }, [editor, sample, ready, root])

  useEffect(() => {
    const el = root.current
    if (el) el.dataset.follow = following ?? ''
  }, [following, root])

  return {
    followables: track.followables,
    following,
    follow: (role) => {
      setFollowing(role)
      if (role === null && editor) fitCamera(editor)
    },
  }
}
