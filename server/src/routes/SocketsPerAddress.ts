/**
 * Sync sockets open per client address. Counted from the upgrade request until its TCP socket closes,
 * so a refused or half-open upgrade is counted too: one address cannot fill the server's socket cap.
 */
export class SocketsPerAddress {
  private readonly open = new Map<string, number>()

  constructor(private readonly max: number) {}

  /** Counts one more socket for the address, or answers false when it already holds `max`. */
  take(address: string): boolean {
    const held = this.open.get(address) ?? 0
    if (held >= this.max) return false
    this.open.set(address, held + 1)
    return true
  }

  release(address: string): void {
    const held = this.open.get(address) ?? 0
    if (held <= 1) this.open.delete(address)
    else this.open.set(address, held - 1)
  }
}
