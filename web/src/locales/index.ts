/**
 * A small translation helper: `t('users.title')`, `t('map.townshipCount', { count: 5 })`.
 * Dictionaries are the JSON files in `zh-CN/` and `en/`; the file name is the first key segment.
 * Missing keys fall back to zh-CN, then to the key itself.
 */
import { ref, computed } from 'vue'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'

export type Locale = 'zh-CN' | 'en'
type Dict = { [key: string]: string | Dict }

function load(files: Record<string, { default: Dict }>): Dict {
  const out: Dict = {}
  for (const [path, mod] of Object.entries(files)) {
    const name = path.split('/').pop()!.replace(/\.json$/, '')
    out[name] = mod.default
  }
  return out
}

const dictionaries: Record<Locale, Dict> = {
  'zh-CN': load(import.meta.glob<{ default: Dict }>('./zh-CN/*.json', { eager: true })),
  en: load(import.meta.glob<{ default: Dict }>('./en/*.json', { eager: true })),
}

const STORAGE_KEY = 'yingji.locale'

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

/** The current UI language (reactive: templates that call t() re-render when it changes). */
export const locale = ref<Locale>(initialLocale())

export function setLocale(next: Locale): void {
  locale.value = next
  document.documentElement.lang = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    /* private mode */
  }
}

/** Element Plus' own texts (pagination, date picker, …) for the current language. */
export const elementLocale = computed(() => (locale.value === 'en' ? elEn : elZhCn))

function lookup(dict: Dict, key: string): string | undefined {
  let node: string | Dict | undefined = dict
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

export function t(key: string, params?: Record<string, string | number | null | undefined>): string {
  const text = lookup(dictionaries[locale.value], key) ?? lookup(dictionaries['zh-CN'], key) ?? key
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name]
    return v === undefined || v === null ? whole : String(v)
  })
}

/** Keys present in zh-CN but missing in en (used by a dev-time check). */
export function missingTranslations(): string[] {
  const missing: string[] = []
  const walk = (node: Dict, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k
      if (typeof v === 'string') {
        if (lookup(dictionaries.en, key) === undefined) missing.push(key)
      } else walk(v, key)
    }
  }
  walk(dictionaries['zh-CN'], '')
  return missing
}
