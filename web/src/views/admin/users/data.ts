/** Shared bits of the user screens: status of a user, options loaded once per page. */
import { ref } from 'vue'
import type { TagProps } from 'element-plus'
import {
  listDepartments,
  listRoles,
  regionTree,
  type Department,
  type RegionNode,
  type Role,
  type User,
} from '@/api/platform'
import { t } from '@/locales'
import { formatDateTime } from '@/utils/format'
import { regionNames } from '@/utils/regions'

export interface UserStatus {
  label: string
  type: TagProps['type']
  title?: string
}

/** 锁定 beats 停用 beats 启用. */
export function userStatus(u: User): UserStatus {
  if (u.locked) {
    return {
      label: t('users.locked'),
      type: 'danger',
      title: u.lockedUntil ? t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) }) : undefined,
    }
  }
  if (!u.enabled) return { label: t('users.disabled'), type: 'info' }
  return { label: t('users.enabled'), type: 'success' }
}

/** Roles, region tree and departments for filters and the form, loaded side by side. */
export function useUserOptions() {
  const roles = ref<Role[]>([])
  const tree = ref<RegionNode[]>([])
  const departments = ref<Department[]>([])
  const names = ref(new Map<string, string>())
  const loading = ref(false)

  async function load(onError: (e: unknown) => void) {
    loading.value = true
    const [r, tr, d] = await Promise.allSettled([listRoles(), regionTree('TOWNSHIP'), listDepartments()])
    if (r.status === 'fulfilled') roles.value = r.value
    else onError(r.reason)
    if (tr.status === 'fulfilled') {
      tree.value = tr.value
      names.value = regionNames(tr.value)
    } else onError(tr.reason)
    if (d.status === 'fulfilled') departments.value = d.value
    else onError(d.reason)
    loading.value = false
  }

  return { roles, tree, departments, names, loading, load }
}

/** Same rules as the server's request records (UserController). */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/
