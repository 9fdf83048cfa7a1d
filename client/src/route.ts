/** The three screens; no router library for three paths. */
export type Route =
  | { name: 'lobby' }
  | { name: 'session'; id: string }
  | { name: 'replay'; id: string }
  | { name: 'report'; id: string }
  | { name: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'lobby' }
  const m = /^\/s\/([A-Za-z0-9_-]{1,64})(\/replay|\/report)?\/?$/.exec(pathname)
  if (!m?.[1]) return { name: 'not-found' }
  if (m[2] === '/replay') return { name: 'replay', id: m[1] }
  if (m[2] === '/report') return { name: 'report', id: m[1] }
  return { name: 'session', id: m[1] }
}
