import { Check, Copy } from 'lucide-react'
import { useEffect, useState } from 'react'

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Clipboard API refused (insecure origin, no permission): fall back to a selected textarea.
    const area = Object.assign(document.createElement('textarea'), { value: text })
    document.body.append(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  }
}

/** Copies `text` and confirms with a tick for a moment. */
export function CopyButton({
  text,
  label = 'Copy',
  testId,
  ariaLabel,
}: {
  text: string
  label?: string
  testId?: string
  ariaLabel?: string
}) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 1600)
    return () => clearTimeout(t)
  }, [copied])
  return (
    <button
      type="button"
      className="mb-btn mb-btn--sm mb-lobby__copy"
      data-testid={testId}
      aria-label={ariaLabel}
      onClick={() => void copy(text).then(setCopied)}
    >
      {copied ? <Check size={14} /> : <Copy size={14} />}
      {copied ? 'Copied' : label}
    </button>
  )
}
