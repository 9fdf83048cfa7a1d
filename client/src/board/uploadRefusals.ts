/**
 * The server's reason for refusing an image (413 too large, 415 not an image), handed from the
 * asset store, whose error tldraw swallows, to the toast that tldraw shows for the failed upload.
 */
export interface UploadRefusals {
  put(reason: string): void
  /** The reason not yet shown, once. */
  take(): string | null
}

export function createUploadRefusals(): UploadRefusals {
  const pending: string[] = []
  return {
    put: (reason) => void pending.push(reason),
    take: () => pending.shift() ?? null,
  }
}
