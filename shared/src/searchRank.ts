/** How well a palette entry matches a search; lower is better, null is no match. */
export type MatchRank = 0 | 1 | 2 | 3 | 4 | 5

/**
 * Ranks one entry for a query: the exact name (0) beats a name that starts with it (1), a word of
 * the name that starts with it (2), the name merely containing it (3), a technology or keyword
 * equal to it (4), and one containing it (5). So "cache" picks Cache, not CDN ("edge cache").
 */
export function matchRank(query: string, name: string, extras: readonly string[] = []): MatchRank | null {
  const q = query.trim().toLowerCase()
  if (!q) return null
  const n = name.toLowerCase()
  if (n === q) return 0
  if (n.startsWith(q)) return 1
  if (words(n).some((w) => w.startsWith(q))) return 2
  if (n.includes(q)) return 3
  const others = extras.map((e) => e.toLowerCase())
  if (others.includes(q)) return 4
  if (others.some((e) => e.includes(q))) return 5
  return null
}

// Words start after a space, hyphen or slash: "Wide-column DB", "Pub/sub topic", "WAF / firewall".
const words = (s: string) => s.split(/[\s\-/]+/).filter(Boolean)
