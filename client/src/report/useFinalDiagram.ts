import { useEffect, useState } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { decodeBoard } from '../replay/decodeFrames'
import { renderFrame } from '../replay/exportImage'

/** Later than any stored update (the route accepts up to 15 digits): "the board as it ended". */
const END_OF_TIME = 999_999_999_999_999

export type Diagram =
  | { status: 'loading' }
  | { status: 'empty' }
  | { status: 'ready'; url: string }
  | { status: 'error'; message: string }

/**
 * The final board rendered to a PNG at 2× pixel density (sharp enough for print; an SVG in an
 * <img> drops the HTML of our component shapes), always on a light background
 * since it is meant for paper.
 */
export function useFinalDiagram(api: SessionApi | null): Diagram {
  const [diagram, setDiagram] = useState<Diagram>({ status: 'loading' })
  useEffect(() => {
    if (!api) return
    let live = true
    let url: string | null = null
    api
      .state('board', END_OF_TIME)
      .then((bytes) => renderFrame(decodeBoard(bytes), 'png', false))
      .then(
        (blob) => {
          if (!live) return
          if (!blob) return setDiagram({ status: 'empty' })
          url = URL.createObjectURL(blob)
          setDiagram({ status: 'ready', url })
        },
        (err: unknown) =>
          live && setDiagram({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      )
    return () => {
      live = false
      if (url) URL.revokeObjectURL(url)
    }
  }, [api])
  return diagram
}
