import { useEffect, useState } from 'react'

import {
  type BoardConnection,
  type BoardConnectionOptions,
  createBoardConnection,
} from './createBoardConnection'

/**
 * Owns a BoardConnection for the component's lifetime. Created in an effect (not in render) so
 * StrictMode's mount-unmount-mount destroys the first provider and doc before making the second.
 */
export function useBoardConnection(opts: BoardConnectionOptions): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const { sessionId, token, readonly, $user } = opts
  useEffect(() => {
    const next = createBoardConnection({ sessionId, token, readonly, $user })
    setConnection(next)
    return () => {
      setConnection(null)
      next.destroy()
    }
  }, [sessionId, token, readonly, $user])
  return connection
}
