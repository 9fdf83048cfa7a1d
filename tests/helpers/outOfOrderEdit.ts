import * as Y from 'yjs'

/**
 * An offline text edit split in two updates, as a reconnect race delivers them: `late` ("edit")
 * builds on `early` ("offline "), so a server given `late` first holds it as pending.
 */
export function outOfOrderEdit(): { early: Uint8Array; late: Uint8Array; text: string } {
  const author = new Y.Doc()
  const text = author.getText('scratch')
  text.insert(0, 'offline ')
  const early = Y.encodeStateAsUpdate(author)
  const sv = Y.encodeStateVector(author)
  text.insert(8, 'edit')
  return { early, late: Y.encodeStateAsUpdate(author, sv), text: 'offline edit' }
}
