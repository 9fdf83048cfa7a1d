import type { IceCandidateInit, Role } from '@mockboard/shared'

export interface PeerLinkOptions {
  iceServers: RTCIceServer[]
  /** This browser's microphone track, or null when it only listens. */
  track: MediaStreamTrack | null
  sendSignal(
    signal: { t: 'offer' | 'answer'; sdp: string } | { t: 'ice'; candidate: IceCandidateInit | null },
  ): void
  onStream(stream: MediaStream): void
  onState(state: RTCPeerConnectionState): void
}

/**
 * One WebRTC connection to one other member. Every operation runs in order on one queue, so a
 * candidate that arrives while the answer is being applied waits for it.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(
    readonly remoteId: string,
    readonly remoteRole: Role,
    private readonly options: PeerLinkOptions,
  ) {
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers })
    this.pc.onicecandidate = (e) =>
      options.sendSignal({
        t: 'ice',
        candidate: e.candidate
          ? {
              candidate: e.candidate.candidate,
              sdpMid: e.candidate.sdpMid,
              sdpMLineIndex: e.candidate.sdpMLineIndex,
            }
          : null,
      })
    this.pc.ontrack = (e) => options.onStream(e.streams[0] ?? new MediaStream([e.track]))
    this.pc.onconnectionstatechange = () => options.onState(this.pc.connectionState)
  }

  /** Starts the connection (the member already in the room offers to the one who joined). */
  offer(remoteSends: boolean): void {
    this.run(async () => {
      const { track } = this.options
      if (track) this.pc.addTransceiver(track, { direction: remoteSends ? 'sendrecv' : 'sendonly' })
      else this.pc.addTransceiver('audio', { direction: 'recvonly' })
      await this.pc.setLocalDescription(await this.pc.createOffer())
      this.options.sendSignal({ t: 'offer', sdp: this.pc.localDescription!.sdp })
    })
  }

  answer(sdp: string): void {
    this.run(async () => {
      await this.pc.setRemoteDescription({ type: 'offer', sdp })
      const { track } = this.options
      for (const transceiver of this.pc.getTransceivers()) {
        // What the offerer sends we receive; we send only if we have a microphone and it receives.
        const theySend = /^a=(sendrecv|sendonly)\s*$/m.test(sdp)
        const theyReceive = /^a=(sendrecv|recvonly)\s*$/m.test(sdp)
        if (track && theyReceive) await transceiver.sender.replaceTrack(track)
        transceiver.direction =
          track && theyReceive ? (theySend ? 'sendrecv' : 'sendonly') : theySend ? 'recvonly' : 'inactive'
      }
      await this.pc.setLocalDescription(await this.pc.createAnswer())
      this.options.sendSignal({ t: 'answer', sdp: this.pc.localDescription!.sdp })
    })
  }

  accept(sdp: string): void {
    this.run(() => this.pc.setRemoteDescription({ type: 'answer', sdp }))
  }

  candidate(candidate: IceCandidateInit | null): void {
    this.run(() => this.pc.addIceCandidate(candidate ?? undefined))
  }

  /** A new microphone (device picker) or none: no renegotiation, the sender's track changes. */
  replaceTrack(track: MediaStreamTrack | null): void {
    this.run(async () => {
      for (const sender of this.pc.getSenders()) await sender.replaceTrack(track)
    })
  }

  close(): void {
    this.closed = true
    this.pc.close()
  }

  private run(step: () => Promise<unknown>): void {
    // A failed step (a stale candidate) must not stop the ones after it.
    this.queue = this.queue
      .then(() => (this.closed ? undefined : step()))
      .catch((err: unknown) => console.warn('audio connection step failed', err))
  }
}
