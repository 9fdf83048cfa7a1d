import { ApiError } from './ApiError'

/** 503 (the server's replay reads are all taken) and 429 (this address's budget) pass with time. */
const busy = (err: unknown): boolean => err instanceof ApiError && (err.status === 503 || err.status === 429)

/**
 * Runs `read`, again after 1, 2, 4… s (at most `attempts` times in all) while the server answers
 * that it is busy; any other outcome settles it. `cancelled` stops the waiting (an unmounted view).
 */
export async function retryWhileBusy<T>(
  read: () => Promise<T>,
  cancelled: () => boolean,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read()
    } catch (err) {
      if (!busy(err) || attempt >= attempts || cancelled()) throw err
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)))
      if (cancelled()) throw err
    }
  }
}
