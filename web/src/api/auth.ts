import { http, fetchCsrf } from './http'

/** The signed-in user (GET /api/auth/me). */
export interface Me {
  id: number
  username: string
  displayName: string
  role: string
  roleName: string
  regionCode: string
  regionName: string
  departmentName: string | null
  mustChangePassword: boolean
  /** permission strings of the role, e.g. `user:manage` (sent by the server, not yet in API.md) */
  permissions?: string[]
}

export interface CsrfToken {
  headerName: string
  token: string
}

export async function getMe(): Promise<Me> {
  const { data } = await http.get<Me>('/api/auth/me', { skipAuthRedirect: true })
  return data
}

/** Fetches the CSRF cookie first, then signs in. Rejects with ApiError (401 bad credentials, 423 locked). */
export async function login(username: string, password: string): Promise<Me> {
  await fetchCsrf()
  const { data } = await http.post<Me>('/api/auth/login', { username, password }, { skipAuthRedirect: true })
  return data
}

export async function logout(): Promise<void> {
  await http.post('/api/auth/logout', null, { skipAuthRedirect: true })
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await http.post('/api/auth/password', { currentPassword, newPassword })
}
