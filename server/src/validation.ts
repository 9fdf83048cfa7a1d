import { PLAIN_LINE } from '@mockboard/shared/http'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'

/** Turns Ajv errors into one message that names each offending field, e.g. `body.phases[0].minutes`. */
export function formatValidationErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const messages = errors.map((e) => {
    const params = e.params
    let field = dataVar + e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')
    if (typeof params.additionalProperty === 'string')
      return `${field}.${params.additionalProperty} is not allowed`
    if (typeof params.missingProperty === 'string') field += `.${params.missingProperty}`
    if (params.pattern === PLAIN_LINE) return `${field} must not contain control characters`
    return `${field} ${e.message ?? 'is invalid'}`
  })
  const error = new Error([...new Set(messages)].join('; ')) as Error & { statusCode: number }
  error.statusCode = 400
  return error
}
