/**
 * Typed client of the `command` module (应急指挥): incidents, loss reports, plans and activation, tasks, dispatch,
 * timeline (live over SSE), warnings from the incident, sitreps, duty. Types mirror docs/API.md.
 */
import { http, cleanParams, type Page } from './http'

export type Grade = 'I' | 'II' | 'III' | 'IV'
export const GRADES: Grade[] = ['I', 'II', 'III', 'IV']
export type IncidentState = 'OPEN' | 'RESPONDING' | 'CLOSED'
export const INCIDENT_STATES: IncidentState[] = ['OPEN', 'RESPONDING', 'CLOSED']
export type WarningLevel = 'BLUE' | 'YELLOW' | 'ORANGE' | 'RED'
export const WARNING_LEVELS: WarningLevel[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE']

export interface IncidentType {
  code: string
  label: string
  category: string
  categoryLabel: string
}

export interface Losses {
  affected: number
  dead: number
  missing: number
  injured: number
  seriouslyInjured: number
  evacuated: number
  housesCollapsed: number
  housesDamaged: number
  directLossYuan: number
}

export interface Incident {
  id: number
  title: string
  type: string
  typeLabel: string
  categoryLabel: string
  source: 'PHONE' | 'ALARM' | 'PUBLIC_REPORT'
  sourceRef: string | null
  regionCode: string
  regionName: string
  lon: number
  lat: number
  address: string | null
  occurredAt: string
  reportedAt: string
  reporter: string
  reporterPhone: string | null
  description: string | null
  state: IncidentState
  grade: Grade | null
  gradeLabel: string | null
  computedGrade: Grade | null
  gradeRule: string | null
  gradeOverrideReason: string | null
  responseLevel: Grade | null
  closedAt: string | null
  firstReportDeadline: string
  firstReportAt: string | null
  firstReportOverdue: boolean
  losses: Losses
}

export interface IntakeRequest {
  title: string
  type: string
  regionCode: string
  lon: number | null
  lat: number | null
  address?: string
  occurredAt: string
  reporter: string
  reporterPhone?: string
  description?: string
  source?: 'PHONE' | 'PUBLIC_REPORT'
  sourceRef?: string
}

export interface TimelineEntry {
  id: number
  incidentId: number
  at: string
  kind: string
  title: string
  detail: string | null
  actor: string
  link: string | null
}
export interface TimelinePage {
  items: TimelineEntry[]
  total: number
  nextBefore: number | null
}

export interface Activation {
  id: number
  planId: number
  planVersion: number
  planName: string
  level: Grade
  active: boolean
  activatedAt: string
}
export interface Task {
  id: number
  level: Grade | null
  departmentName: string
  action: string
  deadline: string | null
  status: 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'SUPERSEDED'
  note: string | null
  overdue: boolean
}
export interface DispatchOrder {
  id: number
  kind: 'TEAM' | 'SUPPLY'
  resourceId: number
  resourceName: string
  itemName: string | null
  quantity: number | null
  travelSeconds: number | null
  travelEstimate: boolean
  status: 'ORDERED' | 'EN_ROUTE' | 'ON_SCENE' | 'RETURNED'
  orderedAt: string
}
export interface RegionLosses {
  regionCode: string
  regionName: string
  losses: Losses
}
export interface Screen {
  incident: Incident
  timeline: TimelinePage
  activations: Activation[]
  tasks: Task[]
  dispatches: DispatchOrder[]
  lossesByCounty: RegionLosses[]
}
export interface Suggestion {
  planId: number
  planName: string
  planKind: string
  version: number
  suggestedLevel: Grade
  startConditions: string | null
  active: boolean
  activeLevel: Grade | null
}
export interface TeamCandidate {
  teamId: number
  name: string
  regionName: string
  lon: number
  lat: number
  specialties: string[]
  matchedSpecialties: string[]
  leader: string | null
  phone: string | null
  travelSeconds: number
  distanceMeters: number
  estimate: boolean
  travelMethod: string
}
export interface LossReportRequest extends Losses {
  kind: 'FIRST' | 'FOLLOW_UP' | 'FINAL'
  regionCode: string
  reportedAt: string
  note?: string
}

export interface PlanAction {
  departmentCode: string | null
  departmentName: string
  action: string
  limitMinutes: number
}
export interface PlanLevel {
  level: Grade
  startConditions: string
  actions: PlanAction[]
}
export interface Plan {
  id: number
  code: string
  name: string
  kind: 'OVERALL' | 'SPECIAL'
  version: number
  publishedAt: string
  publishedBy: string
  scopeLabels: string[]
  /** Set when the plan is archived (retired): readable, but no longer suggested nor activatable. */
  archivedAt: string | null
  archivedBy: string | null
  content: {
    scope: string[]
    purpose: string | null
    organisation: { role: string; members: string }[]
    levels: PlanLevel[]
  }
}
export interface PlanVersion {
  version: number
  name: string
  publishedAt: string
  publishedBy: string
}

export interface RosterEntry {
  id: number
  dutyDate: string
  shift: 'DAY' | 'NIGHT'
  personName: string
  phone: string | null
  leader: boolean
}
export interface DutyLogEntry {
  id: number
  at: string
  kind: 'LOG' | 'HANDOVER'
  content: string
  author: string
}
export interface AlarmCandidate {
  id: number
  alarmId: string
  sensor: string
  level: WarningLevel
  message: string | null
  regionCode: string
  raisedAt: string
}
/** What the outgoing officer hands over, as the server saw it when the handover was recorded. */
export interface HandoverSnapshot {
  takenAt: string
  openIncidents: { id: number; title: string; typeLabel: string; state: IncidentState; grade: Grade | null; regionName: string; occurredAt: string }[]
  unacknowledgedAlarms: AlarmCandidate[]
  overdueTasks: { id: number; incidentId: number; incidentTitle: string; departmentName: string; action: string; deadline: string; status: string }[]
}
export interface Handover {
  date: string
  onDuty: RosterEntry[]
  openIncidents: Incident[]
  pendingAlarms: AlarmCandidate[]
  logSinceLastHandover: DutyLogEntry[]
  /** What a handover recorded now would hold. */
  snapshot: HandoverSnapshot
}
/** A recorded handover; the snapshot is null for handovers recorded before snapshots were kept. */
export interface HandoverRecord {
  id: number
  at: string
  author: string
  content: string
  snapshot: HandoverSnapshot | null
}

const base = '/api/command'
const get = async <T>(path: string, params?: Record<string, unknown>) =>
  (await http.get<T>(base + path, params ? { params: cleanParams(params) } : undefined)).data
const post = async <T>(path: string, body: unknown = {}) => (await http.post<T>(base + path, body)).data
const put = async <T>(path: string, body: unknown) => (await http.put<T>(base + path, body)).data

export const incidentTypes = () => get<IncidentType[]>('/incident-types')
export const listIncidents = (q: { state?: string | null; type?: string | null; q?: string; page: number; size: number }) =>
  get<Page<Incident>>('/incidents', q)
export const openIncident = (body: IntakeRequest) => post<Incident>('/incidents', body)
export const getScreen = (id: number) => get<Screen>(`/incidents/${id}/screen`)
export const timelinePage = (id: number, before: number | null, size = 50) =>
  get<TimelinePage>(`/incidents/${id}/timeline`, { before, size })
export const timelineStreamUrl = (id: number) => `${base}/incidents/${id}/stream`
export const overrideGrade = (id: number, grade: Grade, reason: string) => post<Incident>(`/incidents/${id}/grade`, { grade, reason })
export const closeIncident = (id: number, summary: string) => post<Incident>(`/incidents/${id}/close`, { summary })
export const submitLossReport = (id: number, body: LossReportRequest) => post(`/incidents/${id}/loss-reports`, body)
export const planSuggestions = (id: number) => get<Suggestion[]>(`/incidents/${id}/plan-suggestions`)
export const activatePlan = (id: number, planId: number, level: Grade) => post<Activation>(`/incidents/${id}/activations`, { planId, level })
export const updateTask = (id: number, taskId: number, body: { status?: string; note?: string }) =>
  put<Task>(`/incidents/${id}/tasks/${taskId}`, body)
export const teamRecommendations = (id: number) => get<TeamCandidate[]>(`/incidents/${id}/team-recommendations`)
export const dispatchTeam = (id: number, teamId: number) => post<DispatchOrder>(`/incidents/${id}/dispatches/team`, { teamId })
export interface SupplyCandidate {
  warehouseId: number
  warehouseName: string
  itemId: number
  itemName: string
  unit: string
  quantity: number
  travelSeconds: number
  distanceMeters: number
  estimate: boolean
}
export const supplyRecommendations = (id: number, itemId: number) =>
  get<SupplyCandidate[]>(`/incidents/${id}/supply-recommendations`, { itemId })
export const dispatchSupply = (id: number, body: { warehouseId: number; itemId: number; quantity: number | null }) =>
  post<DispatchOrder>(`/incidents/${id}/dispatches/supply`, body)
export const advanceDispatch = (id: number, orderId: number, status: string, returnedQuantity?: number) =>
  put<DispatchOrder>(`/incidents/${id}/dispatches/${orderId}`, { status, returnedQuantity })
export const warningDraft = (id: number) =>
  get<{ level: WarningLevel; headline: string; description: string; instruction: string }>(`/incidents/${id}/warning-draft`)
export const issueWarning = (id: number, body: { level: WarningLevel; headline: string; description: string; instruction: string }) =>
  post(`/incidents/${id}/warnings`, body)
export const addNote = (id: number, text: string) => post(`/incidents/${id}/notes`, { text })
export const sitrepUrl = (id: number, format: 'pdf' | 'docx') => `${base}/incidents/${id}/sitrep.${format}`

export interface FollowUp {
  id: number
  item: string
  departmentName: string
  dueDate: string | null
  status: 'OPEN' | 'DONE'
  closedAt: string | null
  closingNote: string | null
}
export interface Review {
  findings: string | null
  reviewedAt: string | null
  reviewedBy: string | null
  followUps: FollowUp[]
}
export const getReview = (id: number) => get<Review>(`/incidents/${id}/review`)
export const writeReview = (id: number, findings: string) => put<Review>(`/incidents/${id}/review`, { findings })
export const addFollowUp = (id: number, body: { item: string; departmentName: string; dueDate?: string | null }) =>
  post<FollowUp>(`/incidents/${id}/follow-ups`, body)
export const closeFollowUp = (id: number, itemId: number, closingNote: string) =>
  post<FollowUp>(`/incidents/${id}/follow-ups/${itemId}/close`, { closingNote })

export const listPlans = (archived = false) => get<Plan[]>('/plans', { archived })
export const archivePlan = (id: number) => post<Plan>(`/plans/${id}/archive`)
export const restorePlan = (id: number) => post<Plan>(`/plans/${id}/restore`)
export const deletePlan = async (id: number) => {
  await http.delete(`${base}/plans/${id}`)
}
export const getPlan = (id: number, version?: number) => get<Plan>(`/plans/${id}`, { version })
export const planVersions = (id: number) => get<PlanVersion[]>(`/plans/${id}/versions`)
export const publishPlan = (id: number, name: string, content: Plan['content']) => put<Plan>(`/plans/${id}`, { name, content })
export const createPlan = (body: { code: string; name: string; kind: Plan['kind']; content: Plan['content'] }) =>
  post<Plan>('/plans', body)
export interface PlanAttachment {
  id: number
  fileName: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: string
}
export const planAttachments = (id: number) => get<PlanAttachment[]>(`/plans/${id}/attachments`)
export const planAttachmentUrl = (id: number, attachmentId: number) => `${base}/plans/${id}/attachments/${attachmentId}`
export async function uploadPlanAttachment(id: number, file: File): Promise<PlanAttachment> {
  const form = new FormData()
  form.append('file', file)
  return (await http.post<PlanAttachment>(`${base}/plans/${id}/attachments`, form)).data
}
export const planExportUrl = (id: number, format: 'pdf' | 'docx', version?: number) =>
  `${base}/plans/${id}/export.${format}${version ? `?version=${version}` : ''}`

export const roster = (from: string, to: string) => get<RosterEntry[]>('/duty/roster', { from, to })
export const addRoster = (body: { dutyDate: string; shift: string; personName: string; phone?: string; leader: boolean }) =>
  post<RosterEntry>('/duty/roster', body)
export const dutyLog = () => get<DutyLogEntry[]>('/duty/log')
export const writeDutyLog = (content: string) => post('/duty/log', { content })
export const handover = () => get<Handover>('/duty/handover')
export const handOver = (content: string) => post<HandoverRecord>('/duty/handover', { content })
export const handovers = (limit = 20) => get<HandoverRecord[]>('/duty/handovers', { limit })
export const openFromAlarm = (alarmId: number) => post<Incident>(`/alarms/${alarmId}/open`)
