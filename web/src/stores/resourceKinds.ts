/**
 * The 9 resource kinds: a static catalogue (path, colour, glyph) known without a request, so the menu and the
 * map's layer switcher render at once, plus the server's metadata (GET /api/resources/kinds: labels, statuses,
 * fields) loaded once and shared. Forms, tables, filters and popups read the metadata only.
 */
import { shallowRef } from 'vue'
import { listKinds, type FieldMeta, type KindMeta, type ResourceKindCode } from '@/api/resources'
import { locale, t } from '@/locales'

export interface KindStyle {
  kind: ResourceKindCode
  path: string
  /** map colour (layer, legend, tags) */
  colour: string
  /** one character drawn inside the map symbol */
  glyph: string
}

/** In the server's order (ResourceKind.java). */
export const KIND_STYLES: readonly KindStyle[] = [
  { kind: 'RESCUE_TEAM', path: 'rescue-teams', colour: '#d9480f', glyph: '队' },
  { kind: 'FIRE_STATION', path: 'fire-stations', colour: '#e03131', glyph: '消' },
  { kind: 'EXPERT', path: 'experts', colour: '#7048e8', glyph: '专' },
  { kind: 'WAREHOUSE', path: 'warehouses', colour: '#2b8a3e', glyph: '储' },
  { kind: 'SHELTER', path: 'shelters', colour: '#1971c2', glyph: '避' },
  { kind: 'EQUIPMENT', path: 'equipments', colour: '#e67700', glyph: '装' },
  { kind: 'HAZARD_SOURCE', path: 'hazard-sources', colour: '#a61e4d', glyph: '危' },
  { kind: 'PROTECTION_TARGET', path: 'protection-targets', colour: '#0c8599', glyph: '护' },
  { kind: 'VIDEO_SOURCE', path: 'video-sources', colour: '#495057', glyph: '视' },
]

const byPath = new Map(KIND_STYLES.map((k) => [k.path, k]))
const byKind = new Map(KIND_STYLES.map((k) => [k.kind as string, k]))

/** Accepts a path (`fire-stations`) or a kind (`FIRE_STATION`). */
export function kindStyle(pathOrKind: string | null | undefined): KindStyle | undefined {
  if (!pathOrKind) return undefined
  return byPath.get(pathOrKind) ?? byKind.get(pathOrKind)
}

export function pathOfKind(kind: string): string {
  return kindStyle(kind)?.path ?? kind.toLowerCase().replace(/_/g, '-') + 's'
}

/**
 * The label of a kind: in Chinese the server's (when loaded), else the locale file's (the server's metadata is
 * Chinese only).
 */
export function kindLabel(pathOrKind: string): string {
  const style = kindStyle(pathOrKind)
  const meta = style ? kindMeta(style.path) : undefined
  if (meta && locale.value === 'zh-CN') return meta.label
  return style ? t(`resources.kinds.${style.kind}`) : (meta?.label ?? pathOrKind)
}

// ---------- server metadata, loaded once ----------
export const kinds = shallowRef<KindMeta[] | null>(null)
let pending: Promise<KindMeta[]> | null = null
let index = new Map<string, KindMeta>()

export function loadKinds(force = false): Promise<KindMeta[]> {
  if (kinds.value && !force) return Promise.resolve(kinds.value)
  if (!pending) {
    pending = listKinds()
      .then((raw) => {
        // the server keeps statuses in a hash map: show them in a stable, meaningful order
        const list = raw.map((k) => ({ ...k, statuses: [...k.statuses].sort((a, b) => statusRank(a.value) - statusRank(b.value)) }))
        index = new Map(list.flatMap((k) => [[k.path, k] as const, [k.kind as string, k] as const]))
        kinds.value = list
        return list
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

const STATUS_ORDER = ['AVAILABLE', 'ONLINE', 'DEPLOYED', 'MAINTENANCE', 'OFFLINE']

function statusRank(value: string): number {
  const i = STATUS_ORDER.indexOf(value)
  return i < 0 ? STATUS_ORDER.length : i
}

/** Metadata of a kind by path or kind code (undefined until loaded or when unknown). */
export function kindMeta(pathOrKind: string | null | undefined): KindMeta | undefined {
  // reading kinds.value makes callers inside templates and computeds re-run once the metadata arrives
  if (!pathOrKind || !kinds.value) return undefined
  return index.get(pathOrKind)
}

export function statusLabel(meta: KindMeta | undefined, status: string | null | undefined): string {
  if (!status) return ''
  return meta?.statuses.find((s) => s.value === status)?.label ?? status
}

/** Tag colour of a status value (the same statuses recur across kinds). */
export function statusTagType(status: string | null | undefined): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (status) {
    case 'AVAILABLE':
    case 'ONLINE':
      return 'success'
    case 'DEPLOYED':
      return 'warning'
    case 'MAINTENANCE':
      return 'danger'
    case 'OFFLINE':
      return 'info'
    default:
      return 'primary'
  }
}

export function optionLabel(field: FieldMeta, value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  return field.options.find((o) => o.value === value)?.label ?? String(value)
}

/** The filterable fields of a kind (ENUM and MULTI_ENUM). */
export function filterFields(meta: KindMeta): FieldMeta[] {
  return meta.fields.filter((f) => f.type === 'ENUM' || f.type === 'MULTI_ENUM')
}

/** The field the "nearest" tool offers as a filter: the first MULTI_ENUM (specialties), else the first ENUM. */
export function specialtyField(meta: KindMeta | undefined): FieldMeta | undefined {
  if (!meta) return undefined
  return meta.fields.find((f) => f.type === 'MULTI_ENUM') ?? meta.fields.find((f) => f.type === 'ENUM')
}
