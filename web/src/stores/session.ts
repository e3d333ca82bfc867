/** The signed-in user, shared by the router guard, the layout and the views. */
import { reactive, readonly } from 'vue'
import { getMe, type Me } from '@/api/auth'
import { ApiError } from '@/api/http'

interface SessionState {
  me: Me | null
  /** true once /api/auth/me has answered (either way) */
  checked: boolean
}

const state = reactive<SessionState>({ me: null, checked: false })

export const session = readonly(state)

export function setMe(me: Me | null): void {
  state.me = me
  state.checked = true
}

export function clearSession(): void {
  state.me = null
  state.checked = false
}

export function isAdmin(): boolean {
  return state.me?.role === 'ADMIN'
}

/** Whether the signed-in user's role grants a permission, e.g. `resource:manage` (reactive in templates). */
export function can(permission: string): boolean {
  return state.me?.permissions?.includes(permission) ?? false
}

let pending: Promise<Me | null> | null = null

/**
 * GET /api/auth/me once (cached until cleared). Resolves null when not signed in (401);
 * other failures (network, 5xx) reject so the guard can show them.
 */
export function loadMe(force = false): Promise<Me | null> {
  if (state.checked && !force) return Promise.resolve(state.me)
  if (!pending) {
    pending = getMe()
      .then((me) => {
        setMe(me)
        return me
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          setMe(null)
          return null
        }
        throw e
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}
