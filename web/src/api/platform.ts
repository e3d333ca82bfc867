/** Typed client of the platform module: regions, users, roles, departments, API tokens, audit log, settings. */
import { http, cleanParams, type Page } from './http'

// ---------- regions ----------
export type RegionLevel = 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  lon: number | null
  lat: number | null
  /** true when the centre point is derived, not surveyed */
  approximate: boolean
}

export interface RegionNode {
  code: string
  name: string
  level: RegionLevel
  children?: RegionNode[]
}

/** A GeoJSON FeatureCollection (RFC 7946), kept loose: OpenLayers reads it. */
export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection'
  features: { type: 'Feature'; id?: string | number; geometry: unknown; properties: P }[]
}

/** properties of a feature of GET /api/regions/geojson */
export interface RegionFeatureProps {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  approximate: boolean
  shape: 'boundary' | 'centre'
}

export async function listRegions(params: { level?: RegionLevel; parent?: string } = {}): Promise<Region[]> {
  const { data } = await http.get<Region[]>('/api/regions', { params: cleanParams(params) })
  return data
}

export async function regionTree(depth: RegionLevel = 'TOWNSHIP'): Promise<RegionNode[]> {
  const { data } = await http.get<RegionNode[]>('/api/regions/tree', { params: { depth } })
  return data
}

export async function getRegion(code: string): Promise<Region> {
  const { data } = await http.get<Region>(`/api/regions/${encodeURIComponent(code)}`)
  return data
}

/** GeoJSON in EPSG:4326 (lon, lat). */
export async function regionGeoJson(level: RegionLevel): Promise<FeatureCollection<RegionFeatureProps>> {
  const { data } = await http.get<FeatureCollection<RegionFeatureProps>>('/api/regions/geojson', {
    params: { level },
    headers: { Accept: 'application/geo+json, application/json, application/problem+json' },
  })
  return data
}

// ---------- roles, users ----------
export interface Role {
  code: string
  name: string
}

export interface User {
  id: number
  username: string
  displayName: string
  phone: string | null
  role: string
  roleName: string
  regionCode: string
  regionName: string
  departmentId: number | null
  departmentName: string | null
  enabled: boolean
  locked: boolean
  lockedUntil: string | null
  mustChangePassword: boolean
  lastLoginAt: string | null
  createdAt: string
}

export interface UserQuery {
  q?: string
  role?: string
  regionCode?: string
  page?: number
  size?: number
}

export interface CreateUserRequest {
  username: string
  displayName: string
  phone?: string | null
  role: string
  regionCode: string
  departmentId?: number | null
}

export type UpdateUserRequest = Omit<CreateUserRequest, 'username'>

export interface CreatedUser {
  user: User
  initialPassword: string
}

export async function listRoles(): Promise<Role[]> {
  const { data } = await http.get<Role[]>('/api/roles')
  return data
}

export async function listUsers(query: UserQuery): Promise<Page<User>> {
  const { data } = await http.get<Page<User>>('/api/users', { params: cleanParams(query) })
  return data
}

export async function getUser(id: number): Promise<User> {
  const { data } = await http.get<User>(`/api/users/${id}`)
  return data
}

export async function createUser(body: CreateUserRequest): Promise<CreatedUser> {
  const { data } = await http.post<CreatedUser>('/api/users', body)
  return data
}

export async function updateUser(id: number, body: UpdateUserRequest): Promise<User> {
  const { data } = await http.put<User>(`/api/users/${id}`, body)
  return data
}

export async function disableUser(id: number): Promise<User> {
  const { data } = await http.post<User>(`/api/users/${id}/disable`)
  return data
}

export async function enableUser(id: number): Promise<User> {
  const { data } = await http.post<User>(`/api/users/${id}/enable`)
  return data
}

export async function unlockUser(id: number): Promise<User> {
  const { data } = await http.post<User>(`/api/users/${id}/unlock`)
  return data
}

export async function resetPassword(id: number): Promise<{ temporaryPassword: string }> {
  const { data } = await http.post<{ temporaryPassword: string }>(`/api/users/${id}/reset-password`)
  return data
}

// ---------- departments ----------
export interface Department {
  id: number
  code: string
  name: string
  regionCode: string
}

export type CreateDepartmentRequest = Omit<Department, 'id'>

export async function listDepartments(): Promise<Department[]> {
  const { data } = await http.get<Department[]>('/api/departments')
  return data
}

export async function createDepartment(body: CreateDepartmentRequest): Promise<Department> {
  const { data } = await http.post<Department>('/api/departments', body)
  return data
}

// ---------- API tokens ----------
export interface ApiToken {
  id: number
  name: string
  prefix: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface CreatedToken {
  id: number
  name: string
  /** the secret, shown once */
  token: string
}

export async function listTokens(): Promise<ApiToken[]> {
  const { data } = await http.get<ApiToken[]>('/api/tokens')
  return data
}

/** `expiresInDays` null or absent: the token never expires. */
export async function createToken(name: string, expiresInDays?: number | null): Promise<CreatedToken> {
  const body = expiresInDays ? { name, expiresInDays } : { name }
  const { data } = await http.post<CreatedToken>('/api/tokens', body)
  return data
}

export async function revokeToken(id: number): Promise<void> {
  await http.delete(`/api/tokens/${id}`)
}

// ---------- audit ----------
export interface AuditEntry {
  id: number
  at: string
  actor: string
  /** region code of the actor (sent by the server, not yet in API.md) */
  actorRegion?: string | null
  action: string
  entityType: string
  entityId: string | null
  /** JSON text (or already-parsed JSON) of the state before; null for a creation */
  before: unknown
  /** JSON text (or already-parsed JSON) of the state after; null for a deletion */
  after: unknown
  prevHash: string | null
  hash: string
}

export interface AuditQuery {
  actor?: string
  entityType?: string
  entityId?: string
  action?: string
  /** ISO-8601 instant */
  from?: string
  /** ISO-8601 instant */
  to?: string
  page?: number
  size?: number
}

export interface AuditVerification {
  ok: boolean
  checked: number
  brokenAt: number | null
  reason: string | null
}

export async function listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
  const { data } = await http.get<Page<AuditEntry>>('/api/audit', { params: cleanParams(query) })
  return data
}

export async function verifyAudit(): Promise<AuditVerification> {
  const { data } = await http.get<AuditVerification>('/api/audit/verify', { timeout: 120_000 })
  return data
}

// ---------- client settings ----------
export interface ClientSettings {
  cityName: string
  /** [lon, lat] */
  center: [number, number]
  tiandituKey: string | null
}

export async function clientSettings(): Promise<ClientSettings> {
  const { data } = await http.get<ClientSettings>('/api/settings/client')
  return data
}
