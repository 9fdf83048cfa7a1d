import { defaultKeymap, indentWithTab } from '@codemirror/commands'
import { markdown } from '@codemirror/lang-markdown'
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { EditorState, type Extension } from '@codemirror/state'
import { drawSelection, EditorView, highlightActiveLine, keymap, placeholder } from '@codemirror/view'
import { tags } from '@lezer/highlight'

/** Markdown colours from the panel's CSS variables, so light and dark mode need no second theme. */
const notesHighlight = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.15em', color: 'var(--mb-text)' },
  { tag: [tags.heading2, tags.heading3, tags.heading4], fontWeight: '650', color: 'var(--mb-text)' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--mb-accent)', textDecoration: 'underline' },
  { tag: tags.url, color: 'var(--mb-accent)' },
  { tag: tags.monospace, fontFamily: 'var(--mb-mono)', color: 'var(--mb-text-2)' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--mb-text-3)' },
  { tag: tags.list, color: 'var(--mb-text-3)' },
  { tag: tags.quote, color: 'var(--mb-text-2)', fontStyle: 'italic' },
])

const notesTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13.5px', color: 'var(--mb-text)', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mb-font)', lineHeight: '1.55' },
  '.cm-content': { padding: '12px 0 40vh', caretColor: 'var(--mb-accent)' },
  '.cm-line': { padding: '0 16px' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--mb-accent) 5%, transparent)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--mb-accent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--mb-accent) 22%, transparent) !important',
  },
  '.cm-placeholder': { color: 'color-mix(in srgb, var(--mb-muted) 70%, var(--mb-surface))' },
  // Remote carets: name tags readable in both themes.
  '.cm-ySelectionInfo': {
    fontFamily: 'var(--mb-font)',
    fontWeight: '600',
    borderRadius: '4px',
    padding: '2px 5px',
    top: '-1.3em',
  },
})

/** Everything but the Yjs binding and the read-only switch (those are per instance). */
export function notesExtensions(placeholderText: string): Extension[] {
  return [
    markdown(),
    syntaxHighlighting(notesHighlight),
    drawSelection(),
    highlightActiveLine(),
    EditorView.lineWrapping,
    EditorState.tabSize.of(2),
    placeholder(placeholderText),
    keymap.of([...defaultKeymap, indentWithTab]),
    notesTheme,
  ]
}

/** Read-only both ways: no edits, and no caret so nobody thinks they can type. */
export function readOnlyExtensions(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]
}
