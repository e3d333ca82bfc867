/**
 * Typed client of the `warning` module (预警发布): warnings and their lifecycle, CAP, receipts, coverage, the
 * recipient registry and the public feed. Types mirror org.yingji.warning.WarningView, Coverage.Report, etc.
 */
import { http, cleanParams, type Page } from './http'

export type WarningState = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'PUBLISHED' | 'CANCELLED' | 'EXPIRED'
export const WARNING_STATES: WarningState[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'CANCELLED', 'EXPIRED']
export type WarningLevel = 'BLUE' | 'YELLOW' | 'ORANGE' | 'RED'
export const WARNING_LEVELS: WarningLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE']
export type EventType =
  | 'RAINSTORM'
  | 'FLOOD'
  | 'GEOLOGICAL_HAZARD'
  | 'EARTHQUAKE'
  | 'FOREST_FIRE'
  | 'HAZARDOUS_CHEMICAL'
  | 'HIGH_TEMPERATURE'
  | 'OTHER'
export const EVENT_TYPES: EventType[] = [
  'RAINSTORM',
  'FLOOD',
  'GEOLOGICAL_HAZARD',
  'EARTHQUAKE',
  'FOREST_FIRE',
  'HAZARDOUS_CHEMICAL',
  'HIGH_TEMPERATURE',
  'OTHER',
]
export const LEVEL_COLORS: Record<WarningLevel, string> = {
  RED: '#d9001b',
  ORANGE: '#ff8c00',
  YELLOW: '#e6c200',
  BLUE: '#1e6fd9',
}

export interface GeoPolygon {
  type: 'Polygon' | 'MultiPolygon'
  coordinates: number[][][] | number[][][][]
}

export interface Warning {
  id: number
  identifier: string
  state: WarningState
  eventType: EventType
  eventLabel: string
  level: WarningLevel
  levelLabel: string
  headline: string
  description: string
  instruction: string
  senderDepartment: string
  effectiveAt: string
  expiresAt: string
  area: GeoPolygon | null
  regionCodes: string[]
  regionCode: string
  sourceAlarmId: string | null
  draftedBy: number
  draftedByName: string
  submittedAt: string | null
  approvedBy: number | null
  approvedByName: string | null
  approvedAt: string | null
  publishedAt: string | null
  msgType: 'Alert' | 'Update' | 'Cancel'
  revision: number
  sentAt: string | null
  cancelledAt: string | null
  importedFrom: string | null
  createdAt: string
  capUrl: string | null
  /** A change of the published warning waiting for a second person's review, then publication. */
  pendingUpdate: PendingUpdate | null
}

export interface PendingUpdate {
  state: 'SUBMITTED' | 'APPROVED'
  draft: WarningForm
  draftedBy: number
  draftedByName: string
  submittedAt: string
  approvedBy: number | null
  approvedByName: string | null
}

export interface WarningForm {
  eventType: EventType
  level: WarningLevel
  headline: string
  description: string
  instruction: string
  senderDepartment: string
  effectiveAt: string | null
  expiresAt: string | null
  area: GeoPolygon | null
  regionCodes: string[]
  sourceAlarmId?: string | null
}

export interface WarningQuery {
  state?: WarningState
  level?: WarningLevel
  eventType?: EventType
  q?: string
  page?: number
  size?: number
}

export interface CoverageFigures {
  code: string
  name: string
  population: number
  reached: number
  percent: number
}

export interface VillagePoint extends CoverageFigures {
  lon: number
  lat: number
}

export interface ChannelSummary {
  channel: string
  queued: number
  sent: number
  delivered: number
  failed: number
}

export interface CoverageReport {
  warningId: number
  revision: number
  state: string | null
  targeted: number | null
  targetingMs: number | null
  handoffMs: number | null
  persistedMs: number | null
  /** Set when a run interrupted by a restart was resumed. */
  resumed: { times: number; skipped: number; last: string | null } | null
  population: number
  reached: number
  percent: number
  target: number
  met: boolean
  counties: CoverageFigures[]
  townships: CoverageFigures[]
  villages: VillagePoint[]
  channels: ChannelSummary[]
}

export interface Receipt {
  channel: string
  recipientId: number
  address: string | null
  status: 'QUEUED' | 'SENT' | 'DELIVERED' | 'FAILED'
  reason: string | null
  at: string
}

export type RecipientKind = 'PHONE' | 'SUBSCRIBER' | 'TERMINAL'
export interface Recipient {
  id: number
  kind: RecipientKind
  address: string
  name: string | null
  regionCode: string
  regionName: string
  lon: number
  lat: number
  speakers: number | null
  synthetic: boolean
}

export interface RecipientInput {
  kind: RecipientKind
  address: string
  name?: string
  regionCode: string
  lon?: number | null
  lat?: number | null
  speakers?: number | null
}

/** What the public page and the feed show of a warning in force. */
export type PublicWarning = Pick<
  Warning,
  | 'id'
  | 'eventLabel'
  | 'level'
  | 'levelLabel'
  | 'headline'
  | 'description'
  | 'instruction'
  | 'senderDepartment'
  | 'effectiveAt'
  | 'expiresAt'
  | 'msgType'
  | 'area'
  | 'regionCodes'
> & { sentAt: string; capUrl: string }

export async function listWarnings(query: WarningQuery): Promise<Page<Warning>> {
  return (await http.get('/api/warnings', { params: cleanParams(query) })).data
}
export async function getWarning(id: number): Promise<Warning> {
  return (await http.get(`/api/warnings/${id}`)).data
}
export async function createWarning(form: WarningForm): Promise<Warning> {
  return (await http.post('/api/warnings', form)).data
}
export async function editWarning(id: number, form: WarningForm): Promise<Warning> {
  return (await http.put(`/api/warnings/${id}`, form)).data
}
export async function updatePublished(id: number, form: WarningForm): Promise<Warning> {
  return (await http.post(`/api/warnings/${id}/update`, form)).data
}
export type WarningAction = 'submit' | 'approve' | 'publish' | 'update/approve' | 'update/publish'
export async function act(id: number, action: WarningAction): Promise<Warning> {
  return (await http.post(`/api/warnings/${id}/${action}`)).data
}
export async function reject(id: number, reason: string): Promise<Warning> {
  return (await http.post(`/api/warnings/${id}/reject`, { reason })).data
}
export async function rejectUpdate(id: number, reason: string): Promise<Warning> {
  return (await http.post(`/api/warnings/${id}/update/reject`, { reason })).data
}
export async function cancel(id: number, reason: string): Promise<Warning> {
  return (await http.post(`/api/warnings/${id}/cancel`, { reason })).data
}
export async function coverage(id: number): Promise<CoverageReport> {
  return (await http.get(`/api/warnings/${id}/coverage`)).data
}
export async function receipts(
  id: number,
  params: { channel?: string; status?: string; page?: number; size?: number },
): Promise<{ channels: ChannelSummary[]; items: Receipt[]; page: number; size: number }> {
  return (await http.get(`/api/warnings/${id}/receipts`, { params: cleanParams(params) })).data
}
export async function listRecipients(query: {
  kind?: RecipientKind
  regionCode?: string
  q?: string
  page?: number
  size?: number
}): Promise<Page<Recipient>> {
  return (await http.get('/api/warning/recipients', { params: cleanParams(query) })).data
}
export async function addRecipient(input: RecipientInput): Promise<Recipient> {
  return (await http.post('/api/warning/recipients', input)).data
}
export async function removeRecipient(id: number): Promise<void> {
  await http.delete(`/api/warning/recipients/${id}`)
}
export function recipientTemplateUrl(kind: RecipientKind): string {
  return `/api/warning/recipients/template?kind=${kind}`
}
export async function importRecipients(kind: RecipientKind, file: File): Promise<{ imported: number }> {
  const body = new FormData()
  body.append('file', file)
  return (await http.post(`/api/warning/recipients/import?kind=${kind}`, body)).data
}
export async function activePublicWarnings(): Promise<PublicWarning[]> {
  return (await http.get('/public/warnings.json')).data
}
