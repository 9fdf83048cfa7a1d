/** Roles whose view a replay can follow (observers only watch). */
export type CameraRole = 'interviewer' | 'candidate'

/**
 * A participant's camera as the server heard it from presence, at most about once a second per
 * role and only when it moved (see server/src/sync/CameraRecorder.ts). Page coordinates as tldraw
 * keeps them: the screen's point (sx, sy) showed page point (sx / z - x, sy / z - y); `w`×`h` is
 * the size of the board on their screen, in screen pixels.
 */
export interface CameraSample {
  at: number
  role: CameraRole
  /** The name the participant gave (tldraw's user name), for the "Follow" choice. */
  name: string
  page: string
  x: number
  y: number
  z: number
  w: number
  h: number
}

/** The page rectangle a participant saw in a sample. */
export function cameraViewport(c: CameraSample): { x: number; y: number; w: number; h: number } {
  return { x: -c.x, y: -c.y, w: c.w / c.z, h: c.h / c.z }
}
