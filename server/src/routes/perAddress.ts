/**
 * Route options for a per-client-address budget (@fastify/rate-limit, one window of a minute):
 * over it the route answers 429 with `Retry-After`. `perMinute = 0` turns the budget off.
 */
export function perAddress(perMinute: number): {
  config?: { rateLimit: { max: number; timeWindow: number } }
} {
  return perMinute > 0 ? { config: { rateLimit: { max: perMinute, timeWindow: 60_000 } } } : {}
}
