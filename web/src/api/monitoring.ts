/**
 * Typed client of the `monitoring` module (监测预警): stations, sensors, rules, alarms, dead letters, the live
 * stream and the demo storm. Types mirror org.yingji.monitoring.* records.
 */
import { http, cleanParams, type Page } from './http'

export type Level = 'NORMAL' | 'BLUE' | 'YELLOW' | 'ORANGE' | 'RED'
export type AlarmState = 'RAISED' | 'ACKNOWLEDGED' | 'CLEARED'
/** most severe first */
export const LEVELS: Level[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NORMAL']
export const LEVEL_COLOURS: Record<Level, string> = {
  RED: '#e53935',
  ORANGE: '#fb8c00',
  YELLOW: '#fdd835',
  BLUE: '#1e88e5',
  NORMAL: '#43a047',
}

export interface SensorKind {
  code: string
  label: string
  unit: string
  min: number
  max: number
}
export interface Kinds {
  sensorKinds: SensorKind[]
  stationKinds: { code: string; label: string }[]
}

export interface Station {
  id: number
  code: string
  name: string
  kind: string
  kindLabel: string
  regionCode: string
  lon: number
  lat: number
  owner: string | null
  approximate: boolean
  source: string | null
  level: Level
}

export interface RuleRow {
  id: number
  sensorId: number | null
  sensorKind: string | null
  type: 'THRESHOLD' | 'RATE' | 'ACCUMULATION' | 'OFFLINE'
  direction: 'ABOVE' | 'BELOW'
  windowMinutes: number | null
  blue: number | null
  yellow: number | null
  orange: number | null
  red: number | null
  deadband: number
  enabled: boolean
}

export interface SensorView {
  id: number
  code: string
  kind: string
  kindLabel: string
  unit: string
  name: string | null
  value: number | null
  time: string | null
  level: Level
  slopePerMinute: number | null
  forecast: string | null
  rules: RuleRow[]
}

export interface StationDetail extends Station {
  sensors: SensorView[]
}

export interface Alarm {
  id: number
  stationId: number
  stationName: string
  sensorId: number
  sensorCode: string
  sensorKind: string
  ruleType: string
  level: Level
  maxLevel: Level
  state: AlarmState
  value: number | null
  unit: string
  message: string
  forecast: string | null
  regionCode: string
  assigneeId: number | null
  assigneeName: string | null
  raisedAt: string
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  clearedAt: string | null
  clearedBy: string | null
  escalationCount: number
  lon: number
  lat: number
}

export interface AlarmStep {
  id: number
  at: string
  actor: string
  action: string
  level: Level | null
  value: number | null
  comment: string | null
}

/** Someone who may be given an alarm (org.yingji.monitoring.AlarmAssignees.Assignee). */
export interface Assignee {
  id: number
  username: string
  displayName: string
  roleName: string
  departmentName: string | null
  regionCode: string
  regionName: string
}

export interface DeadLetterCount {
  reason: string
  label: string
  count: number
  last: string
}
export interface DeadLetter {
  id: number
  receivedAt: string
  topic: string
  payload: string
  reason: string
  detail: string
}

export const STREAM_URL = '/api/monitoring/stream'

export const kinds = () => http.get<Kinds>('/api/monitoring/kinds').then((r) => r.data)
export const listStations = (p: { q?: string; kind?: string; page?: number; size?: number }) =>
  http.get<Page<Station>>('/api/monitoring/stations', { params: cleanParams(p) }).then((r) => r.data)
export const getStation = (id: number) => http.get<StationDetail>(`/api/monitoring/stations/${id}`).then((r) => r.data)
export const createStation = (body: Partial<Station>) =>
  http.post<{ id: number }>('/api/monitoring/stations', body).then((r) => r.data)
export const updateStation = (id: number, body: Partial<Station>) =>
  http.put<StationDetail>(`/api/monitoring/stations/${id}`, body).then((r) => r.data)
export const deleteStation = (id: number) => http.delete(`/api/monitoring/stations/${id}`)
export const addSensor = (stationId: number, body: { code: string; kind: string; name?: string }) =>
  http.post<{ id: number }>(`/api/monitoring/stations/${stationId}/sensors`, body).then((r) => r.data)
export const deleteSensor = (id: number) => http.delete(`/api/monitoring/sensors/${id}`)
export const readings = (sensorId: number, hours = 6) =>
  http
    .get<{ time: string; value: number }[]>(`/api/monitoring/sensors/${sensorId}/readings`, { params: { hours } })
    .then((r) => r.data)
export const addRule = (body: Partial<RuleRow>) => http.post<{ id: number }>('/api/monitoring/rules', body).then((r) => r.data)
export const updateRule = (id: number, body: Partial<RuleRow>) => http.put(`/api/monitoring/rules/${id}`, body)
export const deleteRule = (id: number) => http.delete(`/api/monitoring/rules/${id}`)
export const listAlarms = (p: { state?: string; level?: string; stationId?: number; q?: string; assigneeId?: number; page?: number; size?: number }) =>
  http.get<Page<Alarm>>('/api/monitoring/alarms', { params: cleanParams(p) }).then((r) => r.data)
export const alarmDetail = (id: number) =>
  http.get<{ alarm: Alarm; steps: AlarmStep[] }>(`/api/monitoring/alarms/${id}`).then((r) => r.data)
export const acknowledge = (id: number, comment?: string) =>
  http.post<Alarm>(`/api/monitoring/alarms/${id}/acknowledge`, { comment }).then((r) => r.data)
export const clearAlarm = (id: number, comment: string) =>
  http.post<Alarm>(`/api/monitoring/alarms/${id}/clear`, { comment }).then((r) => r.data)
export const assignAlarm = (id: number, assigneeId: number, comment?: string) =>
  http.post<Alarm>(`/api/monitoring/alarms/${id}/assign`, { assigneeId, comment }).then((r) => r.data)
/** Enabled users who may handle the alarm and cover its region, found by name. */
export const alarmAssignees = (id: number, q?: string, size = 20) =>
  http.get<Assignee[]>(`/api/monitoring/alarms/${id}/assignees`, { params: cleanParams({ q, size }) }).then((r) => r.data)
export const commentAlarm = (id: number, comment: string) =>
  http.post<Alarm>(`/api/monitoring/alarms/${id}/comments`, { comment }).then((r) => r.data)
export const stationLayer = () =>
  http
    .get<{ features: { geometry: { coordinates: number[] }; properties: { id: number; name: string; kindLabel: string; level: Level } }[] }>(
      '/api/monitoring/layer',
    )
    .then((r) => r.data)
export const deadLetterSummary = (hours = 24) =>
  http.get<DeadLetterCount[]>('/api/monitoring/dead-letters/summary', { params: { hours } }).then((r) => r.data)
export const deadLetters = (p: { reason?: string; page?: number; size?: number }) =>
  http.get<Page<DeadLetter>>('/api/monitoring/dead-letters', { params: cleanParams(p) }).then((r) => r.data)
export const importStations = (file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ stations: number; sensors: number }>('/api/monitoring/stations/import', form).then((r) => r.data)
}
export const STATION_TEMPLATE_URL = '/api/monitoring/stations/template.xlsx'
export const importRules = (file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ added: number; updated: number }>('/api/monitoring/rules/import', form).then((r) => r.data)
}
export const RULE_TEMPLATE_URL = '/api/monitoring/rules/template.xlsx'
export const startStorm = () => http.post<{ until: string }>('/api/monitoring/simulator/storm', {}).then((r) => r.data)

/** Opens the live stream; returns a function that closes it. */
export function openStream(
  handlers: { alarm?: (a: Alarm) => void; station?: (s: { stationId: number; level: Level }) => void; values?: (v: { sensorId: number; time: string; value: number }[]) => void },
  stationId?: number,
): () => void {
  if (typeof EventSource === 'undefined') return () => undefined
  const es = new EventSource(stationId ? `${STREAM_URL}?stationId=${stationId}` : STREAM_URL, { withCredentials: true })
  if (handlers.alarm) es.addEventListener('alarm', (e) => handlers.alarm!(JSON.parse((e as MessageEvent).data)))
  if (handlers.station) es.addEventListener('station', (e) => handlers.station!(JSON.parse((e as MessageEvent).data)))
  if (handlers.values) es.addEventListener('values', (e) => handlers.values!(JSON.parse((e as MessageEvent).data)))
  return () => es.close()
}
