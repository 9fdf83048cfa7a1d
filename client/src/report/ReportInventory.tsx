import type { BoardInventory } from '@mockboard/shared'

/** The components on the final board and the arrows between them. */
export function ReportInventory({ inventory }: { inventory: BoardInventory }) {
  const { components, frames, connections, otherShapes } = inventory
  const others = Object.entries(otherShapes)
  return (
    <>
      <section className="rr-section">
        <h2>
          Components <span className="rr-count">{components.length}</span>
        </h2>
        {components.length === 0 ? (
          <p className="rr-muted">No components on the board.</p>
        ) : (
          <table className="rr-table">
            <thead>
              <tr>
                <th>Component</th>
                <th>Kind</th>
                <th>Technology</th>
                <th className="rr-num">Replicas</th>
                <th>Shard key</th>
              </tr>
            </thead>
            <tbody>
              {components.map((c) => (
                <tr key={c.id}>
                  <td>{c.label}</td>
                  <td>{c.kindLabel}</td>
                  <td>{c.technology || '—'}</td>
                  <td className="rr-num">{c.replicas}</td>
                  <td>{c.shardKey || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {components.some((c) => c.notes.trim()) && (
          <dl className="rr-component-notes">
            {components
              .filter((c) => c.notes.trim())
              .map((c) => (
                <div key={c.id} className="rr-keep">
                  <dt>{c.label}</dt>
                  <dd>{c.notes.trim()}</dd>
                </div>
              ))}
          </dl>
        )}
        {(frames.length > 0 || others.length > 0) && (
          <p className="rr-aside">
            {frames.length > 0 && <>Frames: {frames.map((f) => f.label).join(', ')}. </>}
            {others.length > 0 && <>Other shapes: {others.map(([type, n]) => `${n} ${type}`).join(', ')}.</>}
          </p>
        )}
      </section>
      <section className="rr-section">
        <h2>
          Connections <span className="rr-count">{connections.length}</span>
        </h2>
        {connections.length === 0 ? (
          <p className="rr-muted">No connections.</p>
        ) : (
          <ul className="rr-connections">
            {connections.map((c, i) => (
              <li key={i}>
                <span>{c.from}</span> <span className="rr-arrow">→</span> <span>{c.to}</span>
                {c.label && <span className="rr-protocol">{c.label}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
