import type { BoardRecord } from '@mockboard/shared'

/** Builds board records for review tests: components by short name, arrows between them. */
export class TestBoard {
  readonly records: BoardRecord[] = []
  private arrows = 0

  /** A system component `shape:<name>` of `kind`. */
  add(
    name: string,
    kind: string,
    props: { replicas?: number; shardKey?: string; label?: string } = {},
  ): this {
    this.records.push({
      id: `shape:${name}`,
      typeName: 'shape',
      type: 'system-component',
      props: {
        kind,
        label: props.label ?? name,
        technology: '',
        replicas: props.replicas ?? 1,
        shardKey: props.shardKey ?? '',
        notes: '',
      },
    })
    return this
  }

  /** An arrow from `from` to `to` (short names), bound at both ends, labelled `protocol`. */
  connect(from: string, to: string, protocol = ''): this {
    const id = `shape:arrow${++this.arrows}`
    const richText = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: protocol }] }],
    }
    this.records.push({ id, typeName: 'shape', type: 'arrow', props: { richText } })
    for (const [terminal, to_] of [
      ['start', from],
      ['end', to],
    ] as const)
      this.records.push({
        id: `binding:${id}-${terminal}`,
        typeName: 'binding',
        type: 'arrow',
        fromId: id,
        toId: `shape:${to_}`,
        props: { terminal },
      })
    return this
  }

  /** A chain of arrows a → b → c … */
  chain(...names: string[]): this {
    for (let i = 1; i < names.length; i++) this.connect(names[i - 1]!, names[i]!)
    return this
  }
}
