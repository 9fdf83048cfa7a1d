import { type ComponentGroupId, type ComponentKind, componentKind, groupOf } from '@mockboard/shared'

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
