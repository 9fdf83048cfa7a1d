import { KeyRound } from 'lucide-react'
import { HTMLContainer, stopEventPropagation, useEditor, useIsEditing } from 'tldraw'

import { groupClass, kindInfo } from '../groupStyle'
import { iconFor } from '../icons'
import { LabelEditor } from '../LabelEditor'
import type { SystemComponentShape } from './props'

/** How many ghost cards to draw behind a replicated component (more would just be noise). */
const MAX_GHOSTS = 2

export function SystemComponentView({ shape }: { shape: SystemComponentShape }) {
  const editor = useEditor()
  const isEditing = useIsEditing(shape.id)
  const info = kindInfo(shape.props.kind)
  const Icon = iconFor(info.icon)
  const { w, h, label, technology, replicas, shardKey } = shape.props
  const ghosts = Math.min(Math.max(replicas - 1, 0), MAX_GHOSTS)
  const name = label || info.label

  return (
    <HTMLContainer
      id={shape.id}
      className={`mb-component ${groupClass(info.group)}`}
      style={{ width: w, height: h }}
      data-kind={shape.props.kind}
      // The whole text on hover: a long technology or shard key may still be shortened on the card.
      title={cardTitle(name, technology, shardKey, replicas)}
    >
      {Array.from({ length: ghosts }, (_, i) => (
        <div
          key={i}
          className="mb-component__ghost"
          style={{ transform: `translate(${(ghosts - i) * 6}px, ${(ghosts - i) * -6}px)` }}
        />
      ))}
      <div className="mb-component__card">
        <div className="mb-component__icon">
          <Icon size={20} strokeWidth={1.75} aria-hidden />
        </div>
        <div className="mb-component__text">
          {isEditing ? (
            <LabelEditor
              value={label}
              placeholder={info.label}
              onChange={(next) =>
                editor.updateShape({ id: shape.id, type: shape.type, props: { label: next } })
              }
              onDone={() => editor.setEditingShape(null)}
              className="mb-component__label-input"
            />
          ) : (
            <div className="mb-component__label">{name}</div>
          )}
          {technology ? <div className="mb-component__tech">{technology}</div> : null}
          {shardKey ? (
            <div className="mb-component__shard" onPointerDown={isEditing ? stopEventPropagation : undefined}>
              <KeyRound size={10} strokeWidth={2.25} aria-hidden />
              <span>{shardKey}</span>
            </div>
          ) : null}
        </div>
        {replicas > 1 ? <div className="mb-component__badge">×{replicas}</div> : null}
      </div>
    </HTMLContainer>
  )
}

function cardTitle(name: string, technology: string, shardKey: string, replicas: number): string {
  const details = [technology, shardKey ? `shard key ${shardKey}` : '', replicas > 1 ? `×${replicas}` : '']
  return [name, ...details].filter(Boolean).join(' · ')
}
