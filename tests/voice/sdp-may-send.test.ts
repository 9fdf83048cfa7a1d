import { sdpMaySend } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

const HEAD = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0']
const audio = (...attrs: string[]) => ['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', ...attrs]
const sdp = (lines: string[], eol = '\r\n') => lines.join(eol) + eol

describe('sdpMaySend: the observer send check', () => {
  it('lets a listener through: recvonly or inactive audio, and data channels', () => {
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=recvonly')]))).toBe(false)
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=inactive')], '\n'))).toBe(false)
    expect(
      sdpMaySend(sdp([...HEAD, ...audio('a=recvonly'), 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel'])),
    ).toBe(false)
    expect(sdpMaySend(sdp([...HEAD, 'a=recvonly', ...audio()]))).toBe(false)
  })

  it('catches a send direction after a recvonly in the same m-section', () => {
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=recvonly', 'a=sendrecv')]))).toBe(true)
    expect(
      sdpMaySend(sdp([...HEAD, ...audio('a=recvonly', 'a=rtpmap:111 opus/48000/2', 'a=sendonly')])),
    ).toBe(true)
  })

  it('catches CR-only line endings (the sections were not split, so none was checked)', () => {
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=sendrecv')], '\r'))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio()], '\r'))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=recvonly')], '\r'))).toBe(false)
  })

  it('catches the rest: no direction, a second audio section, case, spaces, a session-level send', () => {
    expect(sdpMaySend(sdp([...HEAD, ...audio()]))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=recvonly'), ...audio('a=sendonly')]))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=recvonly'), 'm=video 9 UDP/TLS/RTP/SAVPF 96']))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio('A=SENDRECV')]))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio(' a=sendrecv ')]))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, ...audio('a=sendrecv junk', 'a=recvonly')]))).toBe(true)
    expect(sdpMaySend(sdp([...HEAD, 'a=sendrecv', ...audio('a=recvonly')]))).toBe(true)
  })
})
