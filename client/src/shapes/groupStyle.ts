import {
  type ComponentGroupId,
  type ComponentKind,
  componentKind,
  FRAME_KINDS,
  groupOf,
} from '@mockboard/shared'

/** CSS class carrying a group's accent colours (defined for light and dark in styles/shapes.css). */
export function groupClass(group: ComponentGroupId): string {
  return `mb-group-${group}`
}

/** Catalog entry for a stored kind, tolerating kinds this build doesn't know yet. */
export function kindInfo(kind: string): ComponentKind {
  return (
    componentKind(kind) ?? {
      kind,
      group: 'compute',
      label: kind,
      icon: 'box',
      technologies: [],
    }
  )
}

export function groupLabel(group: ComponentGroupId): string {
  return groupOf(group)?.label ?? group
}

/** Catalog entry of a frame kind, the first (region) for a kind this build doesn't know. */
export function frameKindInfo(kind: unknown) {
  return FRAME_KINDS.find((f) => f.kind === kind) ?? FRAME_KINDS[0]
}
