/** Date and text formatting helpers. */

const pad = (n: number) => String(n).padStart(2, '0')

/** ISO-8601 instant → local `YYYY-MM-DD HH:mm:ss`; empty string for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

/** First n characters of a hash, for tables. */
export function shortHash(hash: string | null | undefined, n = 10): string {
  if (!hash) return ''
  return hash.length > n ? `${hash.slice(0, n)}…` : hash
}

/** Pretty JSON for display; `null`/`undefined` → null. */
export function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2)
    } catch {
      return value
    }
  }
  return JSON.stringify(value, null, 2)
}

/** Replaces ISO-8601 instants inside a server text (e.g. a notification body) with local `YYYY-MM-DD HH:mm`. */
export function localiseInstants(text: string | null | undefined): string {
  if (!text) return ''
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g, (iso) => {
    const local = formatDateTime(iso)
    return local === iso ? iso : local.slice(0, 16)
  })
}
