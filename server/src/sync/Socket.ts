/** The transport seam: the sync core never imports a web framework or `ws`. */
export interface Socket {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  ping(): void
  /** Drops the connection without a closing handshake (dead peers). */
  terminate(): void
  /** Starts reading from the client: the transport reads nothing before admission calls this. */
  resume(): void
  /** Bytes queued but not yet written; used to shed slow consumers. */
  readonly bufferedAmount: number
  readonly isOpen: boolean
}
