/**
 * Typed client of the `resources` module (应急资源 and the "one map"): kinds metadata, CRUD, Excel import and
 * export, map layers, search and warehouse stock (nearest by travel time: api/routing.ts). Types mirror docs/API.md and the server's records.
 */
import { http, cleanParams, type Page } from './http'

// ---------- kinds metadata ----------
export type ResourceKindCode =
  | 'RESCUE_TEAM'
  | 'FIRE_STATION'
  | 'EXPERT'
  | 'WAREHOUSE'
  | 'SHELTER'
  | 'EQUIPMENT'
  | 'HAZARD_SOURCE'
  | 'PROTECTION_TARGET'
  | 'VIDEO_SOURCE'

export type FieldType = 'TEXT' | 'INTEGER' | 'DECIMAL' | 'ENUM' | 'MULTI_ENUM' | 'PHONE' | 'URL'

export interface Option {
  value: string
  label: string
}

export interface FieldMeta {
  /** the key in `attributes` */
  name: string
  /** Chinese label (also the Excel column header) */
  label: string
  type: FieldType
  required: boolean
  /** for ENUM and MULTI_ENUM, in the server's order */
  options: Option[]
}

export interface KindMeta {
  kind: ResourceKindCode
  /** URL segment, e.g. `rescue-teams` */
  path: string
  label: string
  /** empty when the kind has no status */
  statuses: Option[]
  fields: FieldMeta[]
}

export async function listKinds(): Promise<KindMeta[]> {
  const { data } = await http.get<KindMeta[]>('/api/resources/kinds')
  return data
}

// ---------- resources ----------
export type AttributeValue = string | number | boolean | string[] | null

export interface ResourceView {
  id: number
  kind: ResourceKindCode
  name: string
  regionCode: string
  regionName: string | null
  lon: number
  lat: number
  address: string | null
  status: string | null
  approximate: boolean
  source: string | null
  attributes: Record<string, AttributeValue>
  createdAt: string
  updatedAt: string
}

export interface ResourceInput {
  name: string
  regionCode: string | null
  lon: number | null
  lat: number | null
  address: string | null
  status: string | null
  approximate: boolean
  attributes: Record<string, AttributeValue>
}

/** Filters shared by the list, the export and the layers; `fields` are the kind-specific equality filters. */
export interface ResourceFilters {
  q?: string
  regionCode?: string | null
  status?: string | null
  /** field name → value (a MULTI_ENUM filter means "contains") */
  fields?: Record<string, string | null | undefined>
}

export interface ResourceQuery extends ResourceFilters {
  /** `name`, `-name`, `updatedAt`, `-updatedAt` … */
  sort?: string | null
  page?: number
  size?: number
}

/** Flattens filters into query parameters, dropping empty ones. */
export function filterParams(query: ResourceQuery): Record<string, string | number> {
  const { fields, ...rest } = query
  const flat: Record<string, unknown> = { ...rest }
  for (const [name, value] of Object.entries(fields ?? {})) flat[name] = value
  if (typeof flat.q === 'string') flat.q = flat.q.trim()
  return cleanParams(flat) as Record<string, string | number>
}

const base = (path: string) => `/api/resources/${encodeURIComponent(path)}`

export async function listResources(path: string, query: ResourceQuery): Promise<Page<ResourceView>> {
  const { data } = await http.get<Page<ResourceView>>(base(path), { params: filterParams(query) })
  return data
}

export async function getResource(path: string, id: number): Promise<ResourceView> {
  const { data } = await http.get<ResourceView>(`${base(path)}/${id}`)
  return data
}

export async function createResource(path: string, body: ResourceInput): Promise<ResourceView> {
  const { data } = await http.post<ResourceView>(base(path), body)
  return data
}

export async function updateResource(path: string, id: number, body: ResourceInput): Promise<ResourceView> {
  const { data } = await http.put<ResourceView>(`${base(path)}/${id}`, body)
  return data
}

export async function deleteResource(path: string, id: number): Promise<void> {
  await http.delete(`${base(path)}/${id}`)
}

// ---------- Excel ----------
export function templateUrl(path: string): string {
  return `${base(path)}/template.xlsx`
}

/** Downloads a file through axios (so errors come back as problems) and hands it to the browser. */
export async function download(url: string, params: Record<string, unknown>, fallbackName: string): Promise<void> {
  const res = await http.get<Blob>(url, { params, responseType: 'blob', timeout: 300_000 })
  const disposition = String(res.headers['content-disposition'] ?? '')
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  const name = star ? decodeURIComponent(star[1]!) : plain ? plain[1]! : fallbackName
  const href = URL.createObjectURL(res.data)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

export function downloadTemplate(path: string, fallbackName: string): Promise<void> {
  return download(templateUrl(path), {}, fallbackName)
}

export function exportResources(path: string, filters: ResourceQuery, fallbackName: string): Promise<void> {
  const { page: _page, size: _size, ...rest } = filters
  return download(`${base(path)}/export.xlsx`, filterParams(rest), fallbackName)
}

export type ImportState = 'QUEUED' | 'READING' | 'VALIDATING' | 'SAVING' | 'SUCCEEDED' | 'FAILED'

export interface ImportRowError {
  /** the Excel row number (1 = header row) */
  row: number
  /** the column header */
  column: string | null
  field: string | null
  message: string
}

export interface ImportJob {
  id: string
  kind: ResourceKindCode
  fileName: string
  state: ImportState
  total: number
  processed: number
  imported: number
  message: string | null
  errors: ImportRowError[]
  errorsTruncated: boolean
  startedAt: string
  finishedAt: string | null
}

export async function startImport(
  path: string,
  file: File,
  onUploadProgress?: (fraction: number) => void,
): Promise<ImportJob> {
  const form = new FormData()
  form.append('file', file, file.name)
  const { data } = await http.post<ImportJob>(`${base(path)}/import`, form, {
    timeout: 300_000,
    onUploadProgress: (e) => {
      if (onUploadProgress && e.total) onUploadProgress(e.loaded / e.total)
    },
  })
  return data
}

export async function getImportJob(id: string): Promise<ImportJob> {
  const { data } = await http.get<ImportJob>(`/api/resources/imports/${encodeURIComponent(id)}`)
  return data
}

// ---------- map ----------
export interface LayerFeatureProps {
  id: number
  name: string
  regionCode: string
  status: string | null
  approximate: boolean
}

export interface LayerCollection {
  type: 'FeatureCollection'
  kind: ResourceKindCode
  truncated: boolean
  features: {
    type: 'Feature'
    id: number
    geometry: { type: 'Point'; coordinates: [number, number] }
    properties: LayerFeatureProps
  }[]
}

/** `bbox` = [minLon, minLat, maxLon, maxLat] in WGS84. */
export async function resourceLayer(
  path: string,
  bbox: [number, number, number, number] | null,
  filters: ResourceFilters = {},
  signal?: AbortSignal,
): Promise<LayerCollection> {
  const params = filterParams(filters) as Record<string, string | number>
  if (bbox) params.bbox = bbox.map((v) => v.toFixed(6)).join(',')
  const { data } = await http.get<LayerCollection>(`/api/resources/layers/${encodeURIComponent(path)}`, {
    params,
    signal,
    timeout: 60_000,
    headers: { Accept: 'application/geo+json, application/json, application/problem+json' },
  })
  return data
}

export async function searchResources(q: string, limit = 20, signal?: AbortSignal): Promise<ResourceView[]> {
  const { data } = await http.get<ResourceView[]>('/api/resources/search', { params: { q, limit }, signal })
  return data
}

// ---------- supplies and stock ----------
export interface SupplyItem {
  id: number
  code: string
  name: string
  category: string
  unit: string
}

export interface StockLine {
  itemId: number
  itemCode: string
  itemName: string
  category: string
  unit: string
  quantity: number
  minQuantity: number
  /** quantity < minQuantity */
  low: boolean
}

export async function listSupplyItems(): Promise<SupplyItem[]> {
  const { data } = await http.get<SupplyItem[]>('/api/supply-items')
  return data
}

export async function warehouseStock(warehouseId: number): Promise<StockLine[]> {
  const { data } = await http.get<StockLine[]>(`/api/warehouses/${warehouseId}/stock`)
  return data
}

export async function setStock(
  warehouseId: number,
  itemId: number,
  body: { quantity: number; minQuantity: number | null },
): Promise<StockLine> {
  const { data } = await http.put<StockLine>(`/api/warehouses/${warehouseId}/stock/${itemId}`, body)
  return data
}
