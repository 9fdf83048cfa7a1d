import type { Counter } from 'prom-client'

/** The value of a labelled counter for one label value (0 when never incremented). */
export async function counterValue(counter: Counter<string>, label: string, value: string): Promise<number> {
  const { values } = await counter.get()
  return values.find((v) => v.labels[label] === value)?.value ?? 0
}
