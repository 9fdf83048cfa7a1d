import type { errorResponseBuilderContext } from '@fastify/rate-limit'

import { HttpError } from '../errors.js'

/**
 * Route options for a per-client-address budget (@fastify/rate-limit, one window of a minute):
 * over it the route answers 429 with `Retry-After`. `perMinute = 0` turns the budget off.
 * `variable` names the setting in the 429's message, so an operator sees which limit bit. No HEAD
 * twin: Fastify's would run the whole handler on a budget of its own, doubling the route's.
 */
export function perAddress(
  perMinute: number,
  variable: 'MOCKBOARD_READS_PER_MINUTE' | 'MOCKBOARD_CREATE_PER_MINUTE',
): {
  exposeHeadRoute: false
  config?: {
    rateLimit: {
      max: number
      timeWindow: number
      errorResponseBuilder: (request: unknown, context: errorResponseBuilderContext) => HttpError
    }
  }
} {
  if (perMinute <= 0) return { exposeHeadRoute: false }
  const errorResponseBuilder = (_request: unknown, context: errorResponseBuilderContext) =>
    new HttpError(
      context.statusCode,
      `too many requests from this address (${variable}=${perMinute}): retry in ${context.after}`,
    )
  return {
    exposeHeadRoute: false,
    config: { rateLimit: { max: perMinute, timeWindow: 60_000, errorResponseBuilder } },
  }
}
