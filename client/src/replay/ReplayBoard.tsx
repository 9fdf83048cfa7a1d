import 'tldraw/tldraw.css'

import { memo, useMemo } from 'react'
import { createTLStore, type Editor, type TLComponents, Tldraw, type TLStore } from 'tldraw'

import { assetUrls } from '../board/assetUrls'
import { guardBoardStore } from '../board/guardBoardStore'
import { createBoardSchema } from '../shapes/schema'
import { customShapeUtils } from '../shapes/shapeUtils'
import { memoizeTextMeasure } from './memoTextMeasure'
import { replayBindingUtils } from './ReplayArrowBindingUtil'

memoizeTextMeasure()

/**
 * A store with the live board's exact schema, so recorded records load without surprises, and
 * the live board's guards against records tldraw cannot draw (the log may hold them: see
 * guardBoardStore).
 */
export function createReplayStore(): TLStore {
  const store = createTLStore({ schema: createBoardSchema() })
  guardBoardStore(store)
  return store
}

/** Nothing that edits or manages pages: a replay only looks, pans and zooms. */
const components: TLComponents = {
  MainMenu: null,
  PageMenu: null,
  HelpMenu: null,
  ActionsMenu: null,
  QuickActions: null,
  DebugMenu: null,
  DebugPanel: null,
  SharePanel: null,
  StylePanel: null,
  ContextMenu: null,
  KeyboardShortcutsDialog: null,
}

/**
 * The recorded board: a read-only tldraw editor over a store of its own, which the page projects
 * frames onto once the editor is handed over. The store outlives seeks, so the editor never
 * remounts while scrubbing. Loaded lazily: the replay draws with its frame painter until then.
 */
export default memo(function ReplayBoard({ onEditor }: { onEditor(editor: Editor): void }) {
  const store = useMemo(createReplayStore, [])
  return (
    <div className="rp-board">
      <Tldraw
        store={store}
        shapeUtils={customShapeUtils}
        bindingUtils={replayBindingUtils}
        assetUrls={assetUrls}
        components={components}
        autoFocus={false}
        onMount={(editor) => {
          editor.updateInstanceState({ isReadonly: true })
          onEditor(editor)
        }}
      />
    </div>
  )
})
