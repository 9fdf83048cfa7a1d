/** The screens; no router library for a handful of paths. */
export type Route =
  | { name: 'lobby' }
  /** `/w/<id>`: a coach workspace; `/w/<id>/new`: the lobby creating sessions in it. */
  | { name: 'workspace'; id: string }
  | { name: 'workspace-lobby'; id: string }
  /** `/w/<id>/c/<candidate>`: one candidate's progress. */
  | { name: 'candidate'; id: string; candidate: string }
  | { name: 'session'; id: string }
  | { name: 'replay'; id: string }
  | { name: 'report'; id: string }
  | { name: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'lobby' }
  const w = /^\/w\/([A-Za-z0-9_-]{1,64})(?:\/(new)|\/c\/([^/]{1,400}))?\/?$/.exec(pathname)
  if (w?.[1]) {
    if (w[2]) return { name: 'workspace-lobby', id: w[1] }
    if (w[3] === undefined) return { name: 'workspace', id: w[1] }
    try {
      return { name: 'candidate', id: w[1], candidate: decodeURIComponent(w[3]) }
    } catch {
      return { name: 'not-found' }
    }
  }
  const m = /^\/s\/([A-Za-z0-9_-]{1,64})(\/replay|\/report)?\/?$/.exec(pathname)
  if (!m?.[1]) return { name: 'not-found' }
  if (m[2] === '/replay') return { name: 'replay', id: m[1] }
  if (m[2] === '/report') return { name: 'report', id: m[1] }
  return { name: 'session', id: m[1] }
}
