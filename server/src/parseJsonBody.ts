import { HttpError } from './errors.js'

/**
 * A JSON request body, refusing keys that would reach an object's prototype when copied: `__proto__`
 * anywhere, and `constructor` holding a `prototype`. Fastify's own parser refused them too, but
 * answered "not valid JSON", which sent a client looking for a syntax error; this names the key.
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new HttpError(400, 'body is empty but content-type is application/json')
  let value: unknown
  try {
    // JSON.parse makes "__proto__" an own data property (it never sets the prototype): safe to walk.
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'body is not valid JSON')
  }
  const forbidden = forbiddenKey(value, 'body')
  if (forbidden) throw new HttpError(400, `${forbidden} is not allowed: a key that reaches the prototype`)
  return value
}

/** The path of the first forbidden key, breadth first (no recursion: depth is up to the client). */
function forbiddenKey(root: unknown, name: string): string | null {
  let level: [unknown, string][] = [[root, name]]
  while (level.length > 0) {
    const next: [unknown, string][] = []
    for (const [node, path] of level) {
      if (node === null || typeof node !== 'object') continue
      if (Object.prototype.hasOwnProperty.call(node, '__proto__')) return `${path}.__proto__`
      const record = node as Record<string, unknown>
      const ctor = Object.prototype.hasOwnProperty.call(node, 'constructor')
        ? record['constructor']
        : undefined
      if (
        ctor !== null &&
        typeof ctor === 'object' &&
        Object.prototype.hasOwnProperty.call(ctor, 'prototype')
      )
        return `${path}.constructor.prototype`
      for (const key of Object.keys(record))
        next.push([record[key], Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`])
    }
    level = next
  }
  return null
}
