const NAME_KEY = 'mockboard:name'

export const MAX_NAME_LENGTH = 40

export function rememberedName(): string | null {
  const name = localStorage.getItem(NAME_KEY)?.trim()
  return name ? name : null
}

export function rememberName(name: string): void {
  localStorage.setItem(NAME_KEY, name.trim().slice(0, MAX_NAME_LENGTH))
}
