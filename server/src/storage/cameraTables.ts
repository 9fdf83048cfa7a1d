import type { CameraRole, CameraSample } from '@mockboard/shared'
import type Database from 'better-sqlite3'
import type pg from 'pg'

import type { Storage } from './Storage.js'

type CameraStore = Pick<Storage, 'appendCameras' | 'listCameras' | 'countCameras'>
interface CameraRow {
  at: number | string
  role: CameraRole
  name: string
  page: string
  x: number
  y: number
  z: number
  w: number
  h: number
}

const COLUMNS = 'at, role, name, page, x, y, z, w, h'
const fromRow = (r: CameraRow): CameraSample => ({ ...r, at: Number(r.at) })

/** The camera log on SQLite (table `cameras`, migration 7). */
export function sqliteCameras(db: Database.Database): CameraStore {
  const insert = db.prepare(
    `INSERT INTO cameras (session_id, ${COLUMNS}) VALUES (@sessionId, @at, @role, @name, @page, @x, @y, @z, @w, @h)`,
  )
  const insertAll = db.transaction((sessionId: string, samples: readonly CameraSample[]) => {
    for (const s of samples) insert.run({ sessionId, ...s })
  })
  const list = db.prepare<[string], CameraRow>(
    `SELECT ${COLUMNS} FROM cameras WHERE session_id = ? ORDER BY at, role`,
  )
  const count = db.prepare<[string], number>('SELECT count(*) FROM cameras WHERE session_id = ?').pluck()
  return {
    async appendCameras(sessionId, samples) {
      insertAll(sessionId, samples)
    },
    async listCameras(sessionId) {
      return list.all(sessionId).map(fromRow)
    },
    async countCameras(sessionId) {
      return count.get(sessionId) ?? 0
    },
  }
}

/** The camera log on PostgreSQL (table `cameras`, migration 6). */
export function postgresCameras(pool: pg.Pool): CameraStore {
  return {
    async appendCameras(sessionId, samples) {
      if (samples.length === 0) return
      const values: unknown[] = []
      const rows = samples.map((s, i) => {
        values.push(sessionId, s.at, s.role, s.name, s.page, s.x, s.y, s.z, s.w, s.h)
        return `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')})`
      })
      await pool.query(`INSERT INTO cameras (session_id, ${COLUMNS}) VALUES ${rows.join(', ')}`, values)
    },
    async listCameras(sessionId) {
      const { rows } = await pool.query<CameraRow>(
        `SELECT ${COLUMNS} FROM cameras WHERE session_id = $1 ORDER BY at, role`,
        [sessionId],
      )
      return rows.map(fromRow)
    },
    async countCameras(sessionId) {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM cameras WHERE session_id = $1',
        [sessionId],
      )
      return Number(rows[0]?.n ?? 0)
    },
  }
}
