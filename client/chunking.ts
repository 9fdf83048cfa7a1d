import { fileURLToPath } from 'node:url'

/** What rolldown tells a chunk-naming function about the module graph. */
interface Graph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

const SRC = fileURLToPath(new URL('./src/', import.meta.url))
const ENTRY = 'main.tsx'
/** Each screen's modules (the App loads each lazily; the replay's view comes with its page). */
const SCREENS: Record<string, readonly string[]> = {
  lobby: ['lobby/LobbyPage.tsx'],
  workspace: ['workspace/WorkspacePage.tsx'],
  'workspace-lobby': ['workspace/WorkspaceLobby.tsx'],
  candidate: ['workspace/CandidatePage.tsx'],
  session: ['session/SessionPage.tsx'],
  replay: ['replay/ReplayPage.tsx', 'replay/ReplayView.tsx'],
  report: ['report/ReportPage.tsx'],
}
/**
 * tldraw's code (not its asset URLs, which the replay's painter uses too), and its text editor's
 * (tiptap: the update gate's rich-text check in shared builds its schema, and only the board
 * stores' guards use it).
 */
const isTldrawCode = (id: string) =>
  /node_modules[\\/](tldraw|@tldraw[\\/](?!assets[\\/])|@tiptap[\\/])/.test(id)

/**
 * The chunk of each module the app's own grouping places: the entry's code (`boot`), each
 * screen's own, and what screens share (`common` what the session page shares with others,
 * `common-pages` what only the other screens share, so the live session loads none of it).
 * Modules that import tldraw's code, directly or not, are left to rolldown's own splitting, as is
 * what only a lazily loaded part of a screen imports (the notes editor, the replay's tldraw board):
 * a group takes what its modules import along with them.
 */
function assign(graph: Graph): Map<string, string> {
  const imports = (id: string) => graph.getModuleInfo(id)?.importedIds ?? []
  const reach = (roots: readonly string[]) => {
    const seen = new Set<string>()
    const stack = roots.map((m) => SRC + m).filter((id) => graph.getModuleInfo(id))
    while (stack.length > 0) {
      const id = stack.pop()!
      if (seen.has(id) || isTldrawCode(id)) continue
      seen.add(id)
      stack.push(...imports(id))
    }
    return seen
  }
  const screens = Object.entries(SCREENS).map(([name, roots]) => ({ name, modules: reach(roots) }))
  const entry = reach([ENTRY])
  // Which of them need tldraw's code: to a fixed point (imports may form cycles).
  const needsTldraw = new Set<string>()
  const all = new Set([...entry, ...screens.flatMap((s) => [...s.modules])])
  for (let grew = true; grew;) {
    grew = false
    for (const id of all)
      if (!needsTldraw.has(id) && imports(id).some((d) => isTldrawCode(d) || needsTldraw.has(d))) {
        needsTldraw.add(id)
        grew = true
      }
  }
  const chunks = new Map<string, string>()
  for (const id of all) {
    if (needsTldraw.has(id)) continue
    const owners = screens.filter((s) => s.modules.has(id)).map((s) => s.name)
    if (entry.has(id)) chunks.set(id, 'boot')
    else if (owners.length === 1) chunks.set(id, owners[0]!)
    else chunks.set(id, owners.includes('session') ? 'common' : 'common-pages')
  }
  return chunks
}

const passes = new WeakMap<Graph, Map<string, string>>()

function named(id: string, graph: Graph, pick: (chunk: string) => boolean): string | null {
  let chunks = passes.get(graph)
  if (!chunks) passes.set(graph, (chunks = assign(graph)))
  const chunk = chunks.get(id)
  return chunk !== undefined && pick(chunk) ? chunk : null
}

/**
 * Rolldown's own splitting gives each set of screens sharing a module a chunk of its own: the
 * replay opened with 27 chunks of a few kB each, and a browser fetches six at a time from one
 * host over HTTP/1.1, the session's own requests queued behind them; its code arrived ~0.15 s
 * after its data. Grouped (see `assign`), the replay's first frame takes six. The groups run in
 * order of priority, each taking its modules before the next can: the entry's code, then what
 * screens share, then each screen's own. `scripts/sizes.mjs` holds the session page and the
 * replay's first frame to their budgets.
 */
export const codeSplitting = {
  groups: [
    { priority: 3, name: (id: string, graph: Graph) => named(id, graph, (c) => c === 'boot') },
    { priority: 2, name: (id: string, graph: Graph) => named(id, graph, (c) => c.startsWith('common')) },
    { priority: 1, name: (id: string, graph: Graph) => named(id, graph, (c) => c in SCREENS) },
  ],
}
