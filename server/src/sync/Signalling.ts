import {
  type ClientSignal,
  MessageType,
  parseClientSignal,
  sdpMaySend,
  type ServerSignal,
} from '@mockboard/shared'
import * as encoding from 'lib0/encoding'

import type { VoiceConfig } from '../config.js'
import type { Peer } from './Peer.js'
import { TokenBucket } from './RateLimiter.js'

export interface SignallingOptions {
  limits: Pick<VoiceConfig, 'maxSignalBytes' | 'signalsPerSecond'>
  /** Hands a frame to the other instances serving this session: `to` '' means every member. */
  publish: ((to: string, frame: Uint8Array) => void) | null
}

/** A peer that joined the audio: its chosen id and whether it said it sends. */
interface Member {
  id: string
  send: boolean
  clientId: number | null
  muted: boolean
}

/** Signals a connection may send at once: a join fans out an offer and a few ICE candidates per peer. */
const BURST = 5

export function encodeSignal(signal: ServerSignal): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.signal)
  encoding.writeVarString(encoder, JSON.stringify(signal))
  return encoding.toUint8Array(encoder)
}

/**
 * WebRTC signalling among one session's audio members, on its control document's sockets: the
 * room's peers are already authenticated and carry their role. Offers, answers and candidates go
 * only to the addressed member; joins, leaves and mute states to every member. An observer may
 * listen, never announce a track it would send: that closes its socket with `badSignal`.
 */
export class Signalling {
  private readonly members = new Map<Peer, Member>()
  private readonly buckets = new Map<Peer, TokenBucket>()

  constructor(private readonly options: SignallingOptions) {}

  receive(peer: Peer, text: string, size: number): void {
    const { limits } = this.options
    // Not 1009 (final for the whole control socket): a refused signal only turns the audio off.
    if (size > limits.maxSignalBytes) return peer.close('badSignal')
    let bucket = this.buckets.get(peer)
    if (!bucket) {
      bucket = new TokenBucket(limits.signalsPerSecond, limits.signalsPerSecond * BURST)
      this.buckets.set(peer, bucket)
    }
    if (!bucket.take(1)) return peer.close('rateLimited')
    const signal = parseClientSignal(text)
    if (!signal) return peer.close('badSignal')
    if (signal.t === 'join') return this.join(peer, signal)
    const member = this.members.get(peer)
    // A signal sent just before this socket re-joined (a reconnect): nobody to relay it as.
    if (!member) return
    this.relay(peer, member, signal)
  }

  /** The peer's socket closed: the others drop their connection to it. */
  leave(peer: Peer): void {
    this.buckets.delete(peer)
    this.drop(peer)
  }

  private drop(peer: Peer): void {
    const member = this.members.get(peer)
    if (!member) return
    this.members.delete(peer)
    this.toAll({ t: 'left', from: member.id }, peer)
  }

  /** A frame another instance relayed (already checked there). */
  applyRemote(to: string, frame: Uint8Array): void {
    for (const [peer, member] of this.members) if (to === '' || member.id === to) peer.send(frame)
  }

  private join(peer: Peer, { id, send, clientId }: Extract<ClientSignal, { t: 'join' }>): void {
    if (send && peer.role === 'observer') return peer.close('badSignal')
    // A reconnect may arrive before the server noticed the old socket died: the newer one wins,
    // but only as the same role: an observer must not take over the interviewer's audio id.
    for (const [other, m] of this.members) {
      if (m.id !== id || other === peer) continue
      if (other.role !== peer.role) return peer.close('badSignal')
      this.members.delete(other)
    }
    const muted = this.members.get(peer)?.muted ?? false
    this.members.set(peer, { id, send, clientId, muted })
    for (const [other, m] of this.members) {
      if (other === peer) continue
      const { role } = other
      peer.send(
        encodeSignal({ t: 'member', from: m.id, role, send: m.send, clientId: m.clientId, muted: m.muted }),
      )
    }
    this.toAll({ t: 'joined', from: id, role: peer.role, send, clientId }, peer)
  }

  private relay(peer: Peer, member: Member, signal: Exclude<ClientSignal, { t: 'join' }>): void {
    const from = member.id
    switch (signal.t) {
      case 'leave':
        return this.drop(peer)
      case 'state':
        member.muted = signal.muted
        return this.toAll({ t: 'state', from, muted: signal.muted }, peer)
      case 'offer':
      case 'answer':
        if (peer.role === 'observer' && sdpMaySend(signal.sdp)) return peer.close('badSignal')
        return this.toOne(signal.to, { t: signal.t, from, role: peer.role, sdp: signal.sdp })
      case 'ice':
        return this.toOne(signal.to, { t: 'ice', from, candidate: signal.candidate })
    }
  }

  private toOne(to: string, signal: ServerSignal): void {
    const frame = encodeSignal(signal)
    for (const [peer, member] of this.members) {
      if (member.id !== to) continue
      peer.send(frame)
      return
    }
    this.options.publish?.(to, frame)
  }

  private toAll(signal: ServerSignal, except: Peer): void {
    const frame = encodeSignal(signal)
    for (const peer of this.members.keys()) if (peer !== except) peer.send(frame)
    this.options.publish?.('', frame)
  }
}
