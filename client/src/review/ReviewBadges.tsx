import './review.css'

import type { Finding, Severity } from '@mockboard/shared'
import { type Editor, type TLShapeId, useValue } from 'tldraw'

const RANK: Record<Severity, number> = { info: 0, warn: 1, risk: 2 }

interface Badge {
  id: string
  x: number
  y: number
  severity: Severity
  findings: Finding[]
}

/** Findings grouped by shape: a shape's badge shows its worst severity and every message. */
function byShape(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>()
  for (const f of findings)
    for (const id of f.rule === 'deep-sync-chain' ? f.shapeIds.slice(-1) : f.shapeIds) {
      const list = map.get(id)
      if (list) list.push(f)
      else map.set(id, [f])
    }
  return map
}

/**
 * Findings as badges at each shape's top-right corner, over the canvas (the practising pair's
 * "Review" view). Positions follow the camera through tldraw's reactive `useValue`.
 */
export function ReviewBadges({ editor, findings }: { editor: Editor; findings: readonly Finding[] }) {
  const badges = useValue(
    'review badges',
    () => {
      const out: Badge[] = []
      for (const [id, list] of byShape(findings)) {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds) continue
        const at = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
        const severity = list.reduce<Severity>(
          (w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w),
          'info',
        )
        out.push({ id, x: at.x, y: at.y, severity, findings: list })
      }
      return out
    },
    [editor, findings],
  )
  return (
    <div
      className="mb-review-badges"
      aria-label="Design review findings on the board"
      data-testid="review-badges"
    >
      {badges.map((b) => (
        <span
          key={b.id}
          className={`mb-review-badge mb-review-badge--${b.severity}`}
          style={{ transform: `translate(${Math.round(b.x) - 11}px, ${Math.round(b.y) - 11}px)` }}
          title={b.findings.map((f) => f.message).join('\n')}
          role="img"
          aria-label={b.findings.map((f) => f.message).join(' ')}
          data-shape={b.id}
        >
          {b.findings.length}
        </span>
      ))}
    </div>
  )
}
