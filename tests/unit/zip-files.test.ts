import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'

import { zipFiles } from '../../client/src/replay/zipFiles'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function pythonAvailable(): boolean {
  try {
    execFileSync('python3', ['--version'])
    return true
  } catch {
    return false
  }
}

const markdown = new TextEncoder().encode(
  '# Design a URL shortener\n\n![Final diagram](board.png)\n'.repeat(50),
)
const png = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)

describe('the report bundle (zipFiles)', () => {
  it('holds every file byte for byte under its own name', async () => {
    const blob = zipFiles([
      { name: 'design-a-url-shortener.md', data: markdown },
      { name: 'board.png', data: png },
    ])
    expect(blob.type).toBe('application/zip')
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()))
    expect(Object.keys(files).sort()).toEqual(['board.png', 'design-a-url-shortener.md'])
    expect(files['design-a-url-shortener.md']).toEqual(markdown)
    expect(files['board.png']).toEqual(png)
  })

  // A second, independent reader that checks every CRC-32 (the archive's own checksums).
  it.runIf(pythonAvailable())("passes another ZIP reader's integrity test", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-zip-'))
    dirs.push(dir)
    const path = join(dir, 'report.zip')
    const when = new Date(2026, 10, 29, 12, 34, 56)
    const blob = zipFiles(
      [
        { name: 'notes é.md', data: markdown },
        { name: 'board.png', data: png },
      ],
      when,
    )
    writeFileSync(path, new Uint8Array(await blob.arrayBuffer()))
    const script = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print("|".join(f"{i.filename}:{i.file_size}:{i.date_time[3]}:{i.date_time[4]}" for i in z.infolist()))',
    ].join('\n')
    const listing = execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }).trim()
    expect(listing).toBe(`notes é.md:${markdown.length}:12:34|board.png:${png.length}:12:34`)
  })
})
