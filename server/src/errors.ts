/** An error a client caused: its status and message are safe to send. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Sent with the error, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}
