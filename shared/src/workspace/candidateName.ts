import { WORKSPACE_LIMITS } from './workspaceLink.js'

/**
 * Candidate names as a workspace keeps them. A name is typed by hand on different days and
 * devices, so "Ada", "ada" and "Ada\u200B " must land on one candidate, and a name must make a
 * working `/w/<id>/c/<name>` link (`.` and `..` are path segments a browser resolves away).
 */

/**
 * Invisible characters: format characters (zero-width space/joiners, BOM, soft hyphen, bidi
 * marks…), every other default-ignorable one (grapheme joiner, variation selectors, Hangul
 * fillers…) and the blank braille pattern.
 */
const FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu
/** Whitespace of every kind, including no-break and ideographic spaces. */
const SPACES = /[\s\u00A0\u2000-\u200A\u3000]+/gu
/** A letter, digit or symbol: what a name needs besides punctuation and combining marks. */
const VISIBLE = /[\p{L}\p{N}\p{S}]/u

/** NFC, no format characters, inner whitespace collapsed to one space, trimmed. */
export function normalizeCandidate(raw: string): string {
  return raw.normalize('NFC').replace(FORMAT, '').replace(SPACES, ' ').trim()
}

/** Why a normalised name cannot be a candidate's, or null when it can ('' means "not named"). */
export function candidateNameProblem(name: string): string | null {
  if (name !== '' && !VISIBLE.test(name))
    return 'candidate must contain a letter, digit or symbol, not only punctuation or marks'
  // Checked again after normalising: NFC may lengthen what the request's schema let through.
  if (name.length > WORKSPACE_LIMITS.maxCandidate)
    return `candidate must be at most ${WORKSPACE_LIMITS.maxCandidate} characters`
  return null
}

/** What two spellings of one candidate share: compatibility-normalised and lower-cased. */
export function candidateKey(name: string): string {
  return normalizeCandidate(name).normalize('NFKC').toLowerCase()
}

export function sameCandidate(a: string, b: string): boolean {
  return candidateKey(a) === candidateKey(b)
}

/**
 * One spelling per candidate, the first one seen (callers pass names in the order they first
 * appeared), then sorted for display.
 */
export function knownCandidates(names: Iterable<string>): string[] {
  const byKey = new Map<string, string>()
  for (const name of names) {
    const key = candidateKey(name)
    if (key !== '' && !byKey.has(key)) byKey.set(key, normalizeCandidate(name))
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b))
}

/** The spelling the workspace already knows for `name`, or `name` itself for a new candidate. */
export function knownSpelling(name: string, known: readonly string[]): string {
  return known.find((k) => sameCandidate(k, name)) ?? name
}
