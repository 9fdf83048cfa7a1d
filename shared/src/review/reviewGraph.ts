import { componentKind } from '../catalog.js'
import { type BoardRecord, richTextToPlain } from '../inventory.js'

/** A component shape as the rules see it. */
export interface ReviewNode {
  id: string
  kind: string
  group: string
  label: string
  replicas: number
  shardKey: string
}

/** An arrow bound at both ends to components, start → end. */
export interface ReviewEdge {
  arrowId: string
  from: string
  to: string
  /** The arrow's label (its protocol), as typed. */
  protocol: string
  /** A request waits for it: not labelled async / pub/sub / event, and not into a messaging component. */
  sync: boolean
}

/** The typed diagram: components and the arrows between them, with adjacency both ways. */
export interface ReviewGraph {
  nodes: Map<string, ReviewNode>
  edges: ReviewEdge[]
  out: Map<string, ReviewEdge[]>
  in: Map<string, ReviewEdge[]>
}

export const MESSAGING_KINDS: ReadonlySet<string> = new Set(['message-queue', 'event-stream', 'pubsub-topic'])
const ASYNC_LABEL = /async|pub\s*\/?\s*sub|event|queue/i

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** Builds the graph from a board's records (live or replayed); records that do not fit are skipped. */
export function reviewGraph(records: Iterable<BoardRecord>): ReviewGraph {
  const nodes = new Map<string, ReviewNode>()
  const arrows = new Map<string, BoardRecord>()
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const r of records) {
    const props: Record<string, unknown> = r.props && typeof r.props === 'object' ? r.props : {}
    if (r.typeName === 'shape' && r.type === 'system-component') {
      const kind = str(props.kind)
      const meta = componentKind(kind)
      const replicas = Number(props.replicas)
      nodes.set(r.id, {
        id: r.id,
        kind,
        group: meta?.group ?? 'unknown',
        label: str(props.label) || meta?.label || kind,
        replicas: Number.isFinite(replicas) && replicas >= 1 ? Math.floor(replicas) : 1,
        shardKey: str(props.shardKey).trim(),
      })
    } else if (r.typeName === 'shape' && r.type === 'arrow') arrows.set(r.id, r)
    else if (r.typeName === 'binding' && r.type === 'arrow' && typeof r.fromId === 'string') {
      if (typeof r.toId !== 'string') continue
      const terminal = props.terminal === 'start' ? 'start' : 'end'
      const entry = ends.get(r.fromId) ?? {}
      entry[terminal] = r.toId
      ends.set(r.fromId, entry)
    }
  }
  const graph: ReviewGraph = { nodes, edges: [], out: new Map(), in: new Map() }
  for (const [arrowId, { start, end }] of ends) {
    const arrow = arrows.get(arrowId)
    if (!arrow || !start || !end || start === end || !nodes.has(start) || !nodes.has(end)) continue
    const props: Record<string, unknown> = arrow.props && typeof arrow.props === 'object' ? arrow.props : {}
    const protocol = richTextToPlain(props.richText ?? props.text).trim()
    const sync = !ASYNC_LABEL.test(protocol) && !MESSAGING_KINDS.has(nodes.get(end)!.kind)
    const edge: ReviewEdge = { arrowId, from: start, to: end, protocol, sync }
    graph.edges.push(edge)
    push(graph.out, start, edge)
    push(graph.in, end, edge)
  }
  return graph
}

function push(map: Map<string, ReviewEdge[]>, key: string, edge: ReviewEdge) {
  const list = map.get(key)
  if (list) list.push(edge)
  else map.set(key, [edge])
}

/** Components a user sends requests from (the catalog's clients group). */
export function clientNodes(graph: ReviewGraph): ReviewNode[] {
  return [...graph.nodes.values()].filter((n) => n.group === 'clients')
}

/** Ids reachable from `starts` following arrows forward (the starts included). */
export function reachableFrom(graph: ReviewGraph, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>(starts)
  const queue = [...seen]
  for (let i = 0; i < queue.length; i++) {
    for (const e of graph.out.get(queue[i]!) ?? []) {
      if (!seen.has(e.to)) {
        seen.add(e.to)
        queue.push(e.to)
      }
    }
  }
  return seen
}

/** Ids connected to `start` ignoring arrow direction, not walking through `avoid` groups. */
export function connectedTo(graph: ReviewGraph, start: string, avoid: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>([start])
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!
    const next = [
      ...(graph.out.get(id) ?? []).map((e) => e.to),
      ...(graph.in.get(id) ?? []).map((e) => e.from),
    ]
    for (const n of next) {
      if (seen.has(n)) continue
      seen.add(n)
      if (!avoid.has(graph.nodes.get(n)!.group)) queue.push(n)
    }
  }
  return seen
}

/** Neighbour ids both ways. */
export function neighbours(graph: ReviewGraph, id: string): Set<string> {
  return new Set([
    ...(graph.out.get(id) ?? []).map((e) => e.to),
    ...(graph.in.get(id) ?? []).map((e) => e.from),
  ])
}
