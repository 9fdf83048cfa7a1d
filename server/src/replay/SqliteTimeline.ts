import Database from 'better-sqlite3'

import type { UpdateEvent } from '../storage/Storage.js'

/**
 * Lists a session's stored updates from the SQLite file on a document worker's own read-only
 * connection (WAL lets it read beside the writer): better-sqlite3 reads synchronously, and listing
 * 78k rows took 250–500 ms of whichever thread ran it. One connection per file, kept open.
 */
export class SqliteTimeline {
  private readonly statements = new Map<string, Database.Statement<[string, number], UpdateEvent>>()
  private readonly dbs: Database.Database[] = []

  list(file: string, sessionId: string, withPrivate: boolean): UpdateEvent[] {
    let statement = this.statements.get(file)
    if (!statement) {
      const db = new Database(file, { readonly: true, fileMustExist: true })
      this.dbs.push(db)
      statement = db.prepare<[string, number], UpdateEvent>(
        'SELECT doc, seq, at, length(data) AS size FROM updates' +
          " WHERE session_id = ? AND (? OR doc <> 'private') ORDER BY at, doc, seq",
      )
      this.statements.set(file, statement)
    }
    return statement.all(sessionId, withPrivate ? 1 : 0)
  }

  close(): void {
    for (const db of this.dbs.splice(0)) db.close()
    this.statements.clear()
  }
}
