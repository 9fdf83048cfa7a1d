/** The three screens; no router library for three paths. */
export type Route = { name: 'lobby' } | { name: 'session'; id: string } | { name: 'replay'; id: string } | { name: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'lobby' }
  const m = /^\/s\/([A-Za-z0-9_-]{1,64})(\/replay)?\/?$/.exec(pathname)
  if (!m?.[1]) return { name: 'not-found' }
  return m[2] ? { name: 'replay', id: m[1] } : { name: 'session', id: m[1] }
}
