import {
  createTLStore,
  DocumentRecordType,
  type IndexKey,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLStore,
} from 'tldraw'

import { createBoardSchema } from '../../client/src/shapes/schema'

/** A store with the board's schema and the document and page records a browser seeds a board with. */
export function boardStore(): TLStore {
  const store = createTLStore({ schema: createBoardSchema() })
  store.put([
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: 'page:page' as TLPageId, name: 'Page 1', index: 'a1' as IndexKey }),
  ])
  return store
}
