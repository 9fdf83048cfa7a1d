import { ApiError } from './ApiError'

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Sent as `Authorization: Bearer …`: an invite token (or the create key); never put in the URL. */
  token?: string | null
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `contentType` (an image upload). */
  body?: Blob
  contentType?: string
  signal?: AbortSignal
  cache?: RequestCache
}

/** The server's words for a refusal: `{ message }` of our JSON errors, else the status text (a proxy's page). */
async function refusal(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown; error?: unknown }
    if (typeof body.message === 'string' && body.message) return body.message
    if (typeof body.error === 'string' && body.error) return body.error
  } catch {
    // Not JSON: keep the status text.
  }
  return res.statusText || `HTTP ${res.status}`
}

/**
 * Every call of the browser to the API goes through here: the Bearer header, JSON bodies, and one
 * ApiError (status + the server's message) for any refusal or a server out of reach.
 */
export async function apiFetch(path: string, req: ApiRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {}
  if (req.token) headers.authorization = `Bearer ${req.token}`
  let body: BodyInit | undefined = req.body
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(req.json)
  } else if (req.body)
    headers['content-type'] = req.contentType || req.body.type || 'application/octet-stream'
  let res: Response
  try {
    res = await fetch(path, {
      method: req.method ?? 'GET',
      headers,
      body,
      signal: req.signal,
      cache: req.cache,
    })
  } catch (err) {
    // An abort is the caller's own doing: let it through as it is.
    if (req.signal?.aborted) throw err
    throw new ApiError(0, 'the server could not be reached')
  }
  if (!res.ok) throw new ApiError(res.status, await refusal(res))
  return res
}

/** apiFetch, then the JSON body typed as the shared wire type `T`. */
export async function apiJson<T>(path: string, req: ApiRequest = {}): Promise<T> {
  return (await (await apiFetch(path, req)).json()) as T
}
