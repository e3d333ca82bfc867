/**
 * Typed client of the `safety` module (安全生产 · 双重预防): enterprises, their risk points and members, hidden
 * hazards with their rectification loop (report → confirm → plan → submit → accept/reject, supervision listing),
 * photos, the four-colour map layer and the regulator's dashboard. Types mirror the server's records
 * (org.yingji.safety.*View, HazardRectification.Report/Plan, SafetyDashboard.Dashboard).
 */
import { http, cleanParams, type Page } from './http'
import type { FeatureCollection } from './platform'

// ---------- codes ----------
export type Industry = 'HAZCHEM' | 'COAL_MINE' | 'NON_COAL_MINE' | 'FIREWORKS' | 'INDUSTRY_TRADE' | 'CONSTRUCTION' | 'OTHER'
export const INDUSTRIES: Industry[] = [
  'HAZCHEM',
  'COAL_MINE',
  'NON_COAL_MINE',
  'FIREWORKS',
  'INDUSTRY_TRADE',
  'CONSTRUCTION',
  'OTHER',
]

export type RiskLevel = 'RED' | 'ORANGE' | 'YELLOW' | 'BLUE'
/** most severe first */
export const RISK_LEVELS: RiskLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE']

export type Scale = 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO'
export const SCALES: Scale[] = ['LARGE', 'MEDIUM', 'SMALL', 'MICRO']

export type HazardState = 'REPORTED' | 'CONFIRMED' | 'RECTIFYING' | 'SUBMITTED' | 'CLOSED'
export const HAZARD_STATES: HazardState[] = ['REPORTED', 'CONFIRMED', 'RECTIFYING', 'SUBMITTED', 'CLOSED']
export const OPEN_STATES: HazardState[] = ['REPORTED', 'CONFIRMED', 'RECTIFYING', 'SUBMITTED']

export type HazardGrade = 'GENERAL' | 'MAJOR'
export const HAZARD_GRADES: HazardGrade[] = ['GENERAL', 'MAJOR']

export type HazardCategory =
  | 'FIRE'
  | 'ELECTRICAL'
  | 'EQUIPMENT'
  | 'HAZCHEM_STORAGE'
  | 'OPERATION'
  | 'MANAGEMENT'
  | 'ENVIRONMENT'
  | 'OTHER'
export const HAZARD_CATEGORIES: HazardCategory[] = [
  'FIRE',
  'ELECTRICAL',
  'EQUIPMENT',
  'HAZCHEM_STORAGE',
  'OPERATION',
  'MANAGEMENT',
  'ENVIRONMENT',
  'OTHER',
]

export type FoundBy = 'SELF_INSPECTION' | 'INSPECTOR' | 'GRID_WORKER' | 'PUBLIC_REPORT'
export const FOUND_BY: FoundBy[] = ['SELF_INSPECTION', 'INSPECTOR', 'GRID_WORKER', 'PUBLIC_REPORT']

export type ListingLevel = 'CITY' | 'COUNTY'

/** The five must-haves (五落实) of a rectification plan, in the server's order. */
export const MUST_HAVES = ['owner', 'measures', 'funds', 'deadline', 'contingencyPlan'] as const
export type MustHave = (typeof MUST_HAVES)[number]

// ---------- enterprises ----------
export interface Licence {
  name: string
  number: string
  /** YYYY-MM-DD */
  validUntil: string | null
}

export interface EnterpriseView {
  id: number
  creditCode: string
  name: string
  industry: Industry
  industryName: string
  scale: Scale
  park: string | null
  regionCode: string
  regionName: string | null
  lon: number
  lat: number
  legalRepresentative: string
  safetyManager: string
  safetyManagerPhone: string
  /** free-form maps on the server; this UI writes {name, number, validUntil} */
  licences: Record<string, unknown>[]
  riskLevel: RiskLevel | null
  createdAt: string
  updatedAt: string
}

export interface EnterpriseInput {
  creditCode: string
  name: string
  industry: Industry | null
  scale: Scale | null
  park: string | null
  regionCode: string | null
  lon: number | null
  lat: number | null
  legalRepresentative: string
  safetyManager: string
  safetyManagerPhone: string
  licences: Licence[]
}

export interface EnterpriseQuery {
  q?: string
  industry?: Industry | null
  regionCode?: string | null
  riskLevel?: RiskLevel | null
  page?: number
  size?: number
}

const API = '/api/safety'

export async function listEnterprises(query: EnterpriseQuery): Promise<Page<EnterpriseView>> {
  const params = cleanParams({ ...query, q: query.q?.trim() })
  const { data } = await http.get<Page<EnterpriseView>>(`${API}/enterprises`, { params })
  return data
}

export async function getEnterprise(id: number): Promise<EnterpriseView> {
  const { data } = await http.get<EnterpriseView>(`${API}/enterprises/${id}`)
  return data
}

export async function createEnterprise(body: EnterpriseInput): Promise<EnterpriseView> {
  const { data } = await http.post<EnterpriseView>(`${API}/enterprises`, body)
  return data
}

export async function updateEnterprise(id: number, body: EnterpriseInput): Promise<EnterpriseView> {
  const { data } = await http.put<EnterpriseView>(`${API}/enterprises/${id}`, body)
  return data
}

/** A user account acting for an enterprise. */
export interface EnterpriseMember {
  id: number
  username: string
  displayName: string
  phone: string | null
  regionCode: string
  enabled: boolean
}

export async function listEnterpriseMembers(enterpriseId: number): Promise<EnterpriseMember[]> {
  const { data } = await http.get<EnterpriseMember[]>(`${API}/enterprises/${enterpriseId}/members`)
  return data
}

/** ENTERPRISE_USER accounts in my region a regulator may link (no user:manage needed). */
export async function searchMemberCandidates(q: string): Promise<Page<EnterpriseMember>> {
  const { data } = await http.get<Page<EnterpriseMember>>(`${API}/member-candidates`, {
    params: { q: q || undefined, size: 30 },
  })
  return data
}

export async function removeEnterpriseMember(enterpriseId: number, userId: number): Promise<void> {
  await http.delete(`${API}/enterprises/${enterpriseId}/members/${userId}`)
}

/** Lets a user of role ENTERPRISE_USER act for the enterprise (regulators). 204. */
export async function addEnterpriseMember(enterpriseId: number, userId: number): Promise<void> {
  await http.post(`${API}/enterprises/${enterpriseId}/members`, { userId })
}

// ---------- risk points ----------
export type RiskMethod = 'LEC' | 'MATRIX'

export interface RiskPointInput {
  name: string
  activity: string | null
  hazardFactors: string
  controls: string
  method: RiskMethod
  l: number | null
  e: number | null
  c: number | null
  likelihood: number | null
  severity: number | null
}

export interface RiskPointView {
  id: number
  enterpriseId: number
  name: string
  activity: string | null
  hazardFactors: string
  controls: string
  method: RiskMethod
  l: number | null
  e: number | null
  c: number | null
  likelihood: number | null
  severity: number | null
  score: number
  level: RiskLevel
}

export async function listRiskPoints(enterpriseId: number): Promise<RiskPointView[]> {
  const { data } = await http.get<RiskPointView[]>(`${API}/enterprises/${enterpriseId}/risk-points`)
  return data
}

export async function addRiskPoint(enterpriseId: number, body: RiskPointInput): Promise<RiskPointView> {
  const { data } = await http.post<RiskPointView>(`${API}/enterprises/${enterpriseId}/risk-points`, body)
  return data
}

export async function deleteRiskPoint(enterpriseId: number, riskPointId: number): Promise<void> {
  await http.delete(`${API}/enterprises/${enterpriseId}/risk-points/${riskPointId}`)
}

// ---------- hazards ----------
export interface HazardStep {
  at: string
  actor: string
  /** report, confirm, plan, list, submit, accept, reject, escalate */
  action: string
  note: string | null
}

/** The rectification plan as stored: the five must-haves (deadline an ISO instant). */
export interface HazardPlan {
  owner?: string | null
  measures?: string | null
  funds?: string | null
  deadline?: string | null
  contingencyPlan?: string | null
}

export interface HazardView {
  id: number
  enterpriseId: number
  enterpriseName: string
  regionCode: string
  title: string
  description: string
  category: HazardCategory
  grade: HazardGrade | null
  foundBy: FoundBy
  lon: number | null
  lat: number | null
  state: HazardState
  stateName: string
  deadline: string | null
  overdue: boolean
  plan: HazardPlan | null
  reportedBy: number | null
  rectifiedBy: number | null
  acceptedBy: number | null
  listed: boolean
  listingLevel: ListingLevel | null
  listingDepartmentId: number | null
  listingDepartmentName: string | null
  listingDeadline: string | null
  escalatedAt: string | null
  reportedAt: string
  closedAt: string | null
  /** only filled by GET /hazards/{id} */
  steps: HazardStep[]
  /** only filled by GET /hazards/{id} */
  photoIds: number[]
}

export interface HazardQuery {
  state?: HazardState | null
  grade?: HazardGrade | null
  enterpriseId?: number | null
  regionCode?: string | null
  overdue?: boolean | null
  listed?: boolean | null
  /** every state but CLOSED */
  open?: boolean | null
  /** newest first (default) or nearest deadline first */
  sort?: 'newest' | 'deadline' | null
  page?: number
  size?: number
}

export interface HazardReport {
  enterpriseId: number | null
  title: string
  description: string
  category: HazardCategory | null
  foundBy: FoundBy | null
  lon: number | null
  lat: number | null
}

export interface PlanInput {
  owner: string | null
  measures: string | null
  funds: string | null
  /** ISO instant */
  deadline: string | null
  contingencyPlan: string | null
}

export async function listHazards(query: HazardQuery): Promise<Page<HazardView>> {
  // `overdue=false` would mean nothing to the server: only send it when set
  const params = cleanParams({ ...query, overdue: query.overdue ? true : null, open: query.open ? true : null })
  const { data } = await http.get<Page<HazardView>>(`${API}/hazards`, { params })
  return data
}

export async function getHazard(id: number): Promise<HazardView> {
  const { data } = await http.get<HazardView>(`${API}/hazards/${id}`)
  return data
}

export async function reportHazard(body: HazardReport): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards`, body)
  return data
}

export async function confirmHazard(id: number, grade: HazardGrade, deadline: string): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/confirm`, { grade, deadline })
  return data
}

export async function submitPlan(id: number, plan: PlanInput): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/plan`, plan)
  return data
}

export async function listHazard(
  id: number,
  body: { level: ListingLevel; departmentId: number; deadline: string },
): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/listing`, body)
  return data
}

export async function submitForAcceptance(id: number, note: string | null): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/submit`, note ? { note } : {})
  return data
}

export async function acceptHazard(id: number, note: string | null): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/accept`, note ? { note } : {})
  return data
}

export async function rejectHazard(id: number, reason: string): Promise<HazardView> {
  const { data } = await http.post<HazardView>(`${API}/hazards/${id}/reject`, { reason })
  return data
}

/** Uploads one image (multipart `file`); resolves the new photo's id. */
export async function uploadHazardPhoto(
  id: number,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<number> {
  const form = new FormData()
  form.append('file', file, file.name)
  const { data } = await http.post<{ id: number }>(`${API}/hazards/${id}/photos`, form, {
    timeout: 120_000,
    onUploadProgress: (e) => {
      if (onProgress && e.total) onProgress(e.loaded / e.total)
    },
  })
  return data.id
}

/** The photo's address (the session cookie authorises the browser's own <img> request). */
export function hazardPhotoUrl(hazardId: number, photoId: number): string {
  return `${API}/hazards/${hazardId}/photos/${photoId}`
}

// ---------- map layer ----------
export interface EnterprisePointProps {
  id: number
  name: string
  industry: Industry
  park: string | null
  riskLevel: RiskLevel | null
  regionCode: string
}

export type EnterpriseLayer = FeatureCollection<EnterprisePointProps> & {
  features: { geometry: { type: 'Point'; coordinates: [number, number] } | null }[]
}

export async function enterpriseLayer(signal?: AbortSignal): Promise<EnterpriseLayer> {
  const { data } = await http.get<EnterpriseLayer>(`${API}/layers/enterprises`, {
    headers: { Accept: 'application/geo+json, application/json, application/problem+json' },
    timeout: 120_000,
    signal,
  })
  return data
}

// ---------- dashboard ----------
export interface Figures {
  key: string
  name: string
  total: number
  open: number
  overdue: number
  major: number
  majorOpen: number
  listed: number
  closed: number
  /** closed / confirmed-or-later, 0–1; null when nothing was confirmed */
  rectificationRate: number | null
}

export interface MonthFigures {
  /** YYYY-MM */
  month: string
  reported: number
  closed: number
}

export interface Dashboard {
  totals: Figures | null
  byCounty: Figures[]
  byIndustry: Figures[]
  trend: MonthFigures[]
  /** RED, ORANGE, YELLOW, BLUE, NONE → count of enterprises */
  enterprisesByRisk: Record<string, number>
}

export async function getDashboard(): Promise<Dashboard> {
  const { data } = await http.get<Dashboard>(`${API}/dashboard`)
  return data
}

// ---------- Excel import (regulators) ----------
export const ENTERPRISE_TEMPLATE_URL = `${API}/enterprises/template.xlsx`

/** Downloads the import template through axios (errors come back as problems). */
export async function downloadEnterpriseTemplate(fallbackName: string): Promise<void> {
  const res = await http.get<Blob>(ENTERPRISE_TEMPLATE_URL, { responseType: 'blob' })
  const disposition = String(res.headers['content-disposition'] ?? '')
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  const name = star ? decodeURIComponent(star[1]!) : fallbackName
  const href = URL.createObjectURL(res.data)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

/** All or nothing: {imported}, or a 400 problem whose errors name each bad row (`rows[N].creditCode` …). */
export async function importEnterprises(file: File, onProgress?: (fraction: number) => void): Promise<{ imported: number }> {
  const form = new FormData()
  form.append('file', file, file.name)
  const { data } = await http.post<{ imported: number }>(`${API}/enterprises/import`, form, {
    timeout: 300_000,
    onUploadProgress: (e) => {
      if (onProgress && e.total) onProgress(e.loaded / e.total)
    },
  })
  return data
}
