/** Runtime configuration the server injects into index.html (no rebuild needed to change it). */
export interface RuntimeConfig {
  tldrawLicenseKey: string | null
}

const DEFAULTS: RuntimeConfig = { tldrawLicenseKey: null }

export function readRuntimeConfig(doc: Document = document): RuntimeConfig {
  const content = doc.querySelector('meta[name="mockboard-config"]')?.getAttribute('content')
  if (!content) return DEFAULTS
  try {
    const parsed = JSON.parse(content) as Partial<RuntimeConfig>
    return {
      tldrawLicenseKey:
        typeof parsed.tldrawLicenseKey === 'string' && parsed.tldrawLicenseKey
          ? parsed.tldrawLicenseKey
          : null,
    }
  } catch {
    return DEFAULTS
  }
}
