import type { Role, ServerSignal } from '@mockboard/shared'

import { microphoneError } from './microphoneError'
import { PeerLink } from './PeerLink'
import type { SignalChannel } from './signalChannel'
import { SpeakingMeter } from './SpeakingMeter'

export interface AudioMember {
  id: string
  role: Role
  /** The member's board presence id (the participant list's key), when it said it. */
  clientId: number | null
  muted: boolean
  speaking: boolean
  /** Whether our connection to it is up. */
  connected: boolean
}

export interface VoiceState {
  status: 'off' | 'joining' | 'on'
  /** Whether this browser sends its microphone (false for observers and when it was refused). */
  sending: boolean
  muted: boolean
  speaking: boolean
  /** Said plainly to the user: a refused microphone, a refused signal. */
  error: string | null
  devices: { deviceId: string; label: string }[]
  deviceId: string | null
  members: AudioMember[]
}

export interface AudioMeshOptions {
  channel: SignalChannel
  role: Role
  /** This browser's board presence id, so others can light our row in their participant list. */
  clientId: number | null
  loadIceServers(): Promise<RTCIceServer[]>
  onChange(state: VoiceState): void
}

/** Before "Join audio". */
export const VOICE_OFF: VoiceState = {
  status: 'off',
  sending: false,
  muted: false,
  speaking: false,
  error: null,
  devices: [],
  deviceId: null,
  members: [],
}

/**
 * The session's audio as one browser sees it: a mesh of WebRTC connections (fine for the two to
 * six people of an interview), signalled through the control socket. Whoever is already in the
 * audio offers to whoever joins, so two browsers never offer to each other at once.
 */
export class AudioMesh {
  private state: VoiceState = VOICE_OFF
  private readonly id = crypto.randomUUID()
  private stream: MediaStream | null = null
  private iceServers: RTCIceServer[] = []
  private readonly links = new Map<string, PeerLink>()
  private readonly players = new Map<string, HTMLAudioElement>()
  private readonly members = new Map<
    string,
    Omit<AudioMember, 'speaking' | 'connected'> & { send: boolean }
  >()
  private speaking: ReadonlySet<string> = new Set()
  private readonly meter = new SpeakingMeter((speaking) => {
    this.speaking = speaking
    this.publish({})
  })

  constructor(private readonly options: AudioMeshOptions) {
    options.channel.onSignal((s) => this.onSignal(s))
    options.channel.onConnected(() => {
      if (this.state.status === 'on') this.announce()
    })
    options.channel.onClosed((code) => {
      if (code === 4422 && this.state.status !== 'off') {
        this.leave()
        this.publish({
          error: 'The server refused an audio message from this browser; audio was turned off.',
        })
      }
    })
  }

  get current(): VoiceState {
    return this.state
  }

  /** The microphone stream, for recording (null when listening only). */
  get microphone(): MediaStream | null {
    return this.stream
  }

  async join(): Promise<void> {
    if (this.state.status !== 'off') return
    this.publish({ status: 'joining', error: null })
    this.iceServers = await this.options.loadIceServers().catch(() => [])
    let error: string | null = null
    if (this.options.role !== 'observer') {
      try {
        await this.openMicrophone(this.state.deviceId)
      } catch (err) {
        error = microphoneError(err)
      }
    }
    this.publish({ status: 'on', error, sending: this.stream !== null, devices: await listDevices() })
    this.announce()
  }

  leave(): void {
    if (this.state.status === 'off') return
    this.options.channel.send({ t: 'leave' })
    for (const id of [...this.links.keys()]) this.drop(id)
    this.members.clear()
    this.meter.unwatch('local')
    for (const track of this.stream?.getTracks() ?? []) track.stop()
    this.stream = null
    this.publish({ status: 'off', sending: false, muted: false })
  }

  clearError(): void {
    this.publish({ error: null })
  }

  setMuted(muted: boolean): void {
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted
    this.options.channel.send({ t: 'state', muted })
    this.publish({ muted })
  }

  async setDevice(deviceId: string): Promise<void> {
    if (!this.stream) return this.publish({ deviceId })
    const old = this.stream
    try {
      await this.openMicrophone(deviceId)
    } catch (err) {
      return this.publish({ error: microphoneError(err) })
    }
    for (const link of this.links.values()) link.replaceTrack(this.track)
    for (const track of old.getTracks()) track.stop()
    this.publish({ deviceId, error: null })
  }

  destroy(): void {
    this.leave()
    this.meter.destroy()
  }

  private get track(): MediaStreamTrack | null {
    return this.stream?.getAudioTracks()[0] ?? null
  }

  private async openMicrophone(deviceId: string | null): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: deviceId ? { deviceId: { exact: deviceId } } : true,
    })
    const track = stream.getAudioTracks()[0]
    if (track) track.enabled = !this.state.muted
    this.stream = stream
    this.meter.watch('local', stream)
    this.state = { ...this.state, deviceId: track?.getSettings().deviceId ?? deviceId }
  }

  private announce(): void {
    const { channel, clientId } = this.options
    channel.send({ t: 'join', id: this.id, send: this.stream !== null, clientId })
    if (this.state.muted) channel.send({ t: 'state', muted: true })
  }

  private onSignal(s: ServerSignal): void {
    if (this.state.status !== 'on') return
    const known = this.members.get(s.from)
    switch (s.t) {
      case 'member':
        this.members.set(s.from, {
          id: s.from,
          role: s.role,
          clientId: s.clientId,
          muted: s.muted,
          send: s.send,
        })
        break
      case 'joined': {
        this.members.set(s.from, {
          id: s.from,
          role: s.role,
          clientId: s.clientId,
          muted: false,
          send: s.send,
        })
        // Its socket reconnected but our connection held: keep it.
        if (this.links.get(s.from)?.pc.connectionState === 'connected') break
        this.drop(s.from)
        if (this.stream || s.send) this.link(s.from, s.role).offer(s.send)
        break
      }
      case 'offer':
        if (!known)
          this.members.set(s.from, {
            id: s.from,
            role: s.role,
            clientId: null,
            muted: false,
            send: s.role !== 'observer',
          })
        this.drop(s.from)
        this.link(s.from, s.role).answer(s.sdp)
        break
      case 'answer':
        this.links.get(s.from)?.accept(s.sdp)
        break
      case 'ice':
        this.links.get(s.from)?.candidate(s.candidate)
        break
      case 'state':
        if (known) known.muted = s.muted
        break
      case 'left':
        this.drop(s.from)
        this.members.delete(s.from)
        break
    }
    this.publish({})
  }

  private link(remoteId: string, role: Role): PeerLink {
    const link = new PeerLink(remoteId, role, {
      iceServers: this.iceServers,
      track: this.track,
      sendSignal: (signal) => this.options.channel.send({ ...signal, to: remoteId }),
      onStream: (stream) => this.play(remoteId, stream),
      onState: () => this.publish({}),
    })
    this.links.set(remoteId, link)
    return link
  }

  private play(remoteId: string, stream: MediaStream): void {
    const player = this.players.get(remoteId) ?? new Audio()
    player.srcObject = stream
    player.autoplay = true
    this.players.set(remoteId, player)
    void player.play().catch(() => {})
    this.meter.watch(remoteId, stream)
  }

  private drop(remoteId: string): void {
    this.links.get(remoteId)?.close()
    this.links.delete(remoteId)
    const player = this.players.get(remoteId)
    if (player) {
      player.pause()
      player.srcObject = null
      this.players.delete(remoteId)
    }
    this.meter.unwatch(remoteId)
  }

  private publish(patch: Partial<VoiceState>): void {
    const members = [...this.members.values()].map(({ send: _send, ...m }) => ({
      ...m,
      speaking: this.speaking.has(m.id),
      connected: this.links.get(m.id)?.pc.connectionState === 'connected',
    }))
    const next = { ...this.state, ...patch, members }
    // A muted track still reaches the meter: muted is never "speaking".
    this.state = { ...next, speaking: this.speaking.has('local') && !next.muted }
    this.options.onChange(this.state)
  }
}

async function listDevices(): Promise<VoiceState['devices']> {
  try {
    const all = await navigator.mediaDevices.enumerateDevices()
    return all
      .filter((d) => d.kind === 'audioinput' && d.deviceId !== '')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }))
  } catch {
    return []
  }
}
