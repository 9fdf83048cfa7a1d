import type { CameraRole } from '@mockboard/shared'
import { Eye } from 'lucide-react'

import type { FollowCamera } from './useFollowCamera'

/** "Fit board" or "Follow: <name>", over the board's top right corner; absent when no camera was recorded. */
export function FollowControl({ camera }: { camera: FollowCamera }) {
  if (camera.followables.length === 0) return null
  return (
    <label className="rp-follow" title="Whose view the camera shows">
      <Eye size={14} aria-hidden />
      <select
        aria-label="View"
        value={camera.following ?? ''}
        onChange={(e) => camera.follow((e.currentTarget.value || null) as CameraRole | null)}
      >
        <option value="">Fit board</option>
        {camera.followables.map((f) => (
          <option key={f.role} value={f.role}>
            Follow: {f.name || f.role} ({f.role})
          </option>
        ))}
      </select>
    </label>
  )
}
