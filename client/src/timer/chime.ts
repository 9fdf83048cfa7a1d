/**
 * A soft two-note chime synthesised with WebAudio (no audio asset to ship or cache). The context
 * is created on first use and resumed on each play: browsers only allow audio after a gesture.
 */
export class Chime {
  private ctx: AudioContext | null = null

  play(): void {
    try {
      this.ctx ??= new AudioContext()
      const ctx = this.ctx
      void ctx.resume()
      const start = ctx.currentTime + 0.02
      this.note(ctx, 880, start, 0.9)
      this.note(ctx, 659.25, start + 0.22, 1.2)
    } catch {
      // No audio device or API: the visual flash still marks the phase end.
    }
  }

  close(): void {
    void this.ctx?.close()
    this.ctx = null
  }

  private note(ctx: AudioContext, frequency: number, at: number, length: number): void {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = frequency
    // Quick attack, long exponential tail: a bell, not a beep.
    gain.gain.setValueAtTime(0.0001, at)
    gain.gain.exponentialRampToValueAtTime(0.12, at + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length)
    osc.connect(gain).connect(ctx.destination)
    osc.start(at)
    osc.stop(at + length + 0.05)
  }
}
