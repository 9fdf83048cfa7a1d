/**
 * User text made inert for Markdown: whatever a title, label or note says, it renders as the
 * same characters, never as a heading, HTML, a link or an image.
 */

/** ASCII punctuation that starts Markdown or HTML syntax inline; backslash-escaped (CommonMark). */
const INLINE_SYNTAX = /[\\`*_{}[\]()<>#!|~:&@]/g

/** One line of user text (table cells, headings, list items): escaped, line breaks folded. */
export function inline(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      .replace(INLINE_SYNTAX, (c) => `\\${c}`)
      // GFM links bare `www.` names; an escaped dot breaks that.
      .replace(/(www)\./gi, '$1\\.')
      // A leading list marker or numbered item must stay text.
      .replace(/^(\s*)([-+=]|\d+[.)])/, '$1\\$2')
  )
}

/** Several lines of user text (problem, notes): a fenced block longer than any backtick run inside. */
export function fenced(text: string): string {
  // A loop, not Math.max(...runs): 200,000 runs of backticks overflow the argument list.
  let longest = 0
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${text}\n${fence}`
}
