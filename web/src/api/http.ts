/**
 * The one axios instance of the app.
 * - same-origin session cookie + CSRF header (X-XSRF-TOKEN from the XSRF-TOKEN cookie)
 * - every failure becomes an {@link ApiError} carrying the RFC 9457 problem details
 * - 401 → /login, 403 auth.password-change-required → /change-password
 */
import axios, { AxiosError, type AxiosRequestConfig, type InternalAxiosRequestConfig } from 'axios'
import { t } from '@/locales'

/** One field error of a validation problem. */
export interface FieldError {
  field: string
  key?: string
  message: string
}

/** RFC 9457 problem details as the server sends them (see docs/API.md). */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  /** Stable English key, e.g. `validation.failed`, `auth.locked`. */
  key?: string
  errors?: FieldError[]
}

/** The error every API call rejects with. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get key(): string | undefined {
    return this.problem.key
  }

  /** Field name → message, for `el-form-item :error`. Several messages for one field are joined. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem.errors ?? []) {
      out[e.field] = out[e.field] ? `${out[e.field]}；${e.message}` : e.message
    }
    return out
  }

  /** A one-line text for a message box: title plus detail when they differ. */
  get text(): string {
    const { title, detail } = this.problem
    if (title && detail && !detail.includes(title)) return `${title}：${detail}`
    return detail || title || this.message
  }
}

/** Per-request options understood by the interceptors. */
declare module 'axios' {
  interface AxiosRequestConfig {
    /** Do not redirect to /login on 401 (login form, guard's own /me probe). */
    skipAuthRedirect?: boolean
    /** Internal: the request was already retried after refreshing the CSRF token. */
    _csrfRetried?: boolean
  }
}

export const CSRF_COOKIE = 'XSRF-TOKEN'
export const CSRF_HEADER = 'X-XSRF-TOKEN'

export const http = axios.create({
  baseURL: '/',
  timeout: 30_000,
  withCredentials: true,
  xsrfCookieName: CSRF_COOKIE,
  xsrfHeaderName: CSRF_HEADER,
  withXSRFToken: true,
  headers: { Accept: 'application/json, application/problem+json' },
})

function readCookie(name: string): string | null {
  const m = document.cookie.match(new RegExp('(?:^|; )' + name.replace(/[-.]/g, '\\$&') + '=([^;]*)'))
  return m ? decodeURIComponent(m[1]!) : null
}

let csrfLoading: Promise<void> | null = null

/** GET /api/auth/csrf: makes the server set the XSRF-TOKEN cookie. Concurrent callers share one request. */
export function fetchCsrf(): Promise<void> {
  if (!csrfLoading) {
    csrfLoading = http
      .get('/api/auth/csrf', { skipAuthRedirect: true })
      .then(() => undefined)
      .finally(() => {
        csrfLoading = null
      })
  }
  return csrfLoading
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete'])

function isUnsafe(config: AxiosRequestConfig): boolean {
  return UNSAFE.has((config.method ?? 'get').toLowerCase())
}

// Before a write: make sure there is a CSRF cookie (the server may drop it at login or logout).
http.interceptors.request.use(async (config: InternalAxiosRequestConfig) => {
  const usesBearer = !!config.headers?.Authorization
  if (isUnsafe(config) && !usesBearer && !readCookie(CSRF_COOKIE)) {
    await fetchCsrf().catch(() => undefined)
  }
  return config
})

/** Hooks the router installs, so this module does not import the router (no cycle). */
export const authHooks = {
  onUnauthorized: (): void => {},
  onPasswordChangeRequired: (): void => {},
}

function toApiError(error: AxiosError): ApiError {
  const res = error.response
  if (!res) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new ApiError(0, { title: t('common.error.timeout') })
    }
    return new ApiError(0, { title: t('common.error.network'), detail: error.message })
  }
  const data = res.data
  if (data && typeof data === 'object' && ('title' in data || 'detail' in data || 'key' in data)) {
    return new ApiError(res.status, { status: res.status, ...(data as Problem) })
  }
  // Not a problem document (e.g. the dev proxy's 502/504 while the server is down).
  const title =
    res.status >= 500 ? t('common.error.server', { status: res.status }) : t('common.error.http', { status: res.status })
  return new ApiError(res.status, { status: res.status, title })
}

http.interceptors.response.use(
  (response) => response,
  async (error: AxiosError) => {
    if (axios.isCancel(error)) return Promise.reject(error)
    const config = error.config
    const err = toApiError(error)

    // A stale or missing CSRF token: refresh it and retry the write once.
    if (
      err.status === 403 &&
      config &&
      isUnsafe(config) &&
      !config._csrfRetried &&
      (!err.key || err.key.toLowerCase().includes('csrf'))
    ) {
      config._csrfRetried = true
      await fetchCsrf().catch(() => undefined)
      return http.request(config)
    }

    if (err.status === 401 && !config?.skipAuthRedirect) {
      authHooks.onUnauthorized()
    } else if (err.status === 403 && err.key === 'auth.password-change-required') {
      authHooks.onPasswordChangeRequired()
    }
    return Promise.reject(err)
  },
)

/** Narrowing helper for catch blocks. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** Text for any thrown value, for ElMessage. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.text
  if (e instanceof Error) return e.message
  return String(e)
}

/** A Spring-style page as the API returns it (`page` is 0-based). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
}

/** Drops empty strings, null and undefined from query parameters. */
export function cleanParams<T extends object>(params: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(params) as [keyof T, unknown][]) {
    if (v !== '' && v !== null && v !== undefined) out[k] = v as T[keyof T]
  }
  return out
}
