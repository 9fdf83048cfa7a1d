import type { TLRecord } from 'tldraw'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'

/**
 * The board doc's layout, read by the server's replay and report code too:
 * `tldraw` (YKeyValue of document records by id), `meta.schema` (serialized store schema),
 * `notes` (Y.Text, owned by the notes panel).
 */
export interface BoardDoc {
  records: YKeyValue<TLRecord>
  meta: Y.Map<unknown>
}

export const BOARD_RECORDS_KEY = 'tldraw'
export const BOARD_META_KEY = 'meta'
export const BOARD_SCHEMA_KEY = 'schema'

export function openBoardDoc(ydoc: Y.Doc): BoardDoc {
  return {
    records: new YKeyValue(ydoc.getArray<{ key: string; val: TLRecord }>(BOARD_RECORDS_KEY)),
    meta: ydoc.getMap<unknown>(BOARD_META_KEY),
  }
}
