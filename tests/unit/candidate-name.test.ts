import {
  candidateKey,
  candidateNameProblem,
  candidateProgress,
  knownCandidates,
  knownSpelling,
  normalizeCandidate,
  type WorkspaceSession,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

describe('candidate names', () => {
  it('normalises: NFC, no zero-width or format characters, inner whitespace collapsed, trimmed', () => {
    expect(normalizeCandidate('  Ada \u200B ')).toBe('Ada')
    expect(normalizeCandidate('Ada\u200BLovelace')).toBe('AdaLovelace')
    expect(normalizeCandidate('Ada \t\u00A0 Lovelace')).toBe('Ada Lovelace')
    expect(normalizeCandidate('Zoe\u0301')).toBe('Zo\u00E9')
    expect(normalizeCandidate('\uFEFFBo\u2060')).toBe('Bo')
    // Other default-ignorables: grapheme joiner, variation selector, Hangul filler.
    for (const hidden of ['\u034F', '\uFE0F', '\u3164'])
      expect(normalizeCandidate(`Ada${hidden} Lovelace`), escape(hidden)).toBe('Ada Lovelace')
  })

  it('refuses names made only of dots or punctuation (a broken /c/<name> link), accepts the rest', () => {
    for (const bad of ['.', '..', '...', '. .', '-', '/', '?!', '.\u0301', '\u0301\u0301'])
      expect(candidateNameProblem(normalizeCandidate(bad)), bad).toMatch(/candidate/)
    // An invisible name is no name at all.
    expect(normalizeCandidate('\u3164 \u2800')).toBe('')
    // NFC may lengthen a name the schema let through: the limit holds after normalising.
    expect(candidateNameProblem(normalizeCandidate('\uFB2C'.repeat(80)))).toMatch(/at most 80/)
    for (const good of ['', 'Ada', 'J.', 'O\u2019Brien', '李雷', '42', '🙂', 'A.. B'])
      expect(candidateNameProblem(normalizeCandidate(good)), good).toBeNull()
  })

  it('matches case-insensitively and across normalisation; keeps the first spelling seen', () => {
    expect(candidateKey('Ada ')).toBe(candidateKey('ada'))
    expect(candidateKey('Zoe\u0301')).toBe(candidateKey('ZO\u00C9'))
    expect(candidateKey('Ａｄａ')).toBe(candidateKey('ada'))
    expect(knownCandidates(['Bo', 'Ada', 'ada', 'Ada\u200B', 'BO', 'Cy'])).toEqual(['Ada', 'Bo', 'Cy'])
    expect(knownSpelling('ADA ', ['Ada', 'Bo'])).toBe('Ada')
    expect(knownSpelling('Di', ['Ada', 'Bo'])).toBe('Di')
  })

  it('gathers one candidate page over every spelling', () => {
    const session = (id: string, candidate: string, createdAt: number): WorkspaceSession => ({
      id,
      title: id,
      problem: '',
      problemId: null,
      candidate,
      createdAt,
      endedAt: null,
      interviewerLink: '',
      summary: null,
    })
    const all = [
      session('a', 'Ada', 1),
      session('b', 'ada', 2),
      session('c', 'Ada\u200B ', 3),
      session('d', 'Bo', 4),
    ]
    expect(candidateProgress(all, 'ADA').sessions.map((s) => s.id)).toEqual(['a', 'b', 'c'])
  })
})
