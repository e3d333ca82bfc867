import { createRouter, createWebHistory, type RouteLocationNormalizedLoaded, type RouteRecordRaw } from 'vue-router'
import { authHooks } from '@/api/http'
import { session, loadMe, clearSession } from '@/stores/session'
import { kindLabel, kindStyle } from '@/stores/resourceKinds'
import { showError } from '@/utils/feedback'
import { t } from '@/locales'

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean
    /** roles allowed (any signed-in user when absent) */
    roles?: string[]
    /** a permission the role must grant, e.g. `resource:read` */
    permission?: string
    /** locale key of the page title */
    titleKey?: string
  }
}

/** The page title of a route: the resource kind's label on /resources/:path, else meta.titleKey. */
export function routeTitle(route: Pick<RouteLocationNormalizedLoaded, 'name' | 'params' | 'meta'>): string {
  if (route.name === 'resources') {
    const path = String(route.params.path ?? '')
    if (kindStyle(path)) return kindLabel(path)
  }
  return route.meta.titleKey ? t(route.meta.titleKey) : ''
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/public',
    alias: '/public/',
    name: 'public-warnings',
    component: () => import('@/views/public/index.vue'),
    meta: { public: true, titleKey: 'warning.public.title' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/account/change-password.vue'),
    meta: { titleKey: 'auth.password.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    redirect: '/map',
    children: [
      {
        path: 'map',
        name: 'map',
        component: () => import('@/views/map/index.vue'),
        meta: { titleKey: 'menu.map' },
      },
      {
        path: 'resources',
        redirect: '/resources/rescue-teams',
      },
      { path: 'monitoring', redirect: '/monitoring/alarms' },
      {
        path: 'monitoring/alarms',
        name: 'monitoring-alarms',
        component: () => import('@/views/monitoring/alarms.vue'),
        meta: { permission: 'monitoring:read', titleKey: 'menu.monitoringAlarms' },
      },
      {
        path: 'monitoring/stations',
        name: 'monitoring-stations',
        component: () => import('@/views/monitoring/stations.vue'),
        meta: { permission: 'monitoring:read', titleKey: 'menu.monitoringStations' },
      },
      {
        path: 'monitoring/stations/:id',
        name: 'monitoring-station',
        component: () => import('@/views/monitoring/station.vue'),
        props: true,
        meta: { permission: 'monitoring:read', titleKey: 'menu.monitoringStations' },
      },
      {
        path: 'monitoring/dead-letters',
        name: 'monitoring-dead-letters',
        component: () => import('@/views/monitoring/dead-letters.vue'),
        meta: { permission: 'monitoring:read', titleKey: 'menu.monitoringDeadLetters' },
      },
      {
        path: 'resources/:path',
        name: 'resources',
        component: () => import('@/views/resources/index.vue'),
        props: true,
        meta: { permission: 'resource:read', titleKey: 'menu.resources' },
      },
      {
        // after the guard has loaded the user: an enterprise user lands on their own dashboard
        path: 'safety',
        name: 'safety',
        component: () => import('@/views/error/NotFound.vue'),
        beforeEnter: () => (session.me?.role === 'ENTERPRISE_USER' ? '/safety/my' : '/safety/hazards'),
      },
      {
        path: 'command',
        redirect: '/command/incidents',
      },
      {
        path: 'command/incidents',
        name: 'command-incidents',
        component: () => import('@/views/command/list.vue'),
        meta: { permission: 'command:read', titleKey: 'menu.commandIncidents' },
      },
      {
        path: 'command/incidents/:id',
        name: 'command-screen',
        component: () => import('@/views/command/screen.vue'),
        props: true,
        meta: { permission: 'command:read', titleKey: 'command.screen' },
      },
      {
        path: 'command/plans',
        name: 'command-plans',
        component: () => import('@/views/command/plans.vue'),
        meta: { permission: 'command:read', titleKey: 'menu.commandPlans' },
      },
      {
        path: 'command/duty',
        name: 'command-duty',
        component: () => import('@/views/command/duty.vue'),
        meta: { permission: 'command:read', titleKey: 'menu.commandDuty' },
      },
      {
        path: 'safety/enterprises',
        name: 'safety-enterprises',
        component: () => import('@/views/safety/enterprises/list.vue'),
        meta: { permission: 'safety:read', titleKey: 'menu.safetyEnterprises' },
      },
      {
        path: 'safety/hazards',
        name: 'safety-hazards',
        component: () => import('@/views/safety/hazards/list.vue'),
        meta: { permission: 'safety:read', titleKey: 'menu.safetyHazards' },
      },
      {
        path: 'safety/hazards/:id',
        name: 'safety-hazard',
        component: () => import('@/views/safety/hazards/detail.vue'),
        props: true,
        meta: { permission: 'safety:read', titleKey: 'safety.hazard.detailTitle' },
      },
      {
        path: 'routing',
        redirect: '/routing/coverage',
      },
      {
        path: 'routing/coverage',
        name: 'routing-coverage',
        component: () => import('@/views/routing/coverage.vue'),
        meta: { permission: 'routing:read', titleKey: 'menu.routingCoverage' },
      },
      {
        path: 'safety/dashboard',
        name: 'safety-dashboard',
        component: () => import('@/views/safety/dashboard.vue'),
        meta: { permission: 'safety:regulate', titleKey: 'menu.safetyDashboard' },
      },
      {
        path: 'safety/my',
        name: 'safety-my',
        component: () => import('@/views/safety/my.vue'),
        meta: { roles: ['ENTERPRISE_USER'], titleKey: 'menu.safetyMy' },
      },
      {
        path: 'warning',
        name: 'warning-list',
        component: () => import('@/views/warning/list.vue'),
        meta: { permission: 'warning:read', titleKey: 'menu.warningList' },
      },
      {
        path: 'warning/new',
        name: 'warning-new',
        component: () => import('@/views/warning/form.vue'),
        meta: { permission: 'warning:draft', titleKey: 'warning.new' },
      },
      {
        path: 'warning/recipients',
        name: 'warning-recipients',
        component: () => import('@/views/warning/recipients.vue'),
        meta: { permission: 'warning:read', titleKey: 'menu.warningRecipients' },
      },
      {
        path: 'warning/:id(\\d+)',
        name: 'warning-detail',
        component: () => import('@/views/warning/detail.vue'),
        meta: { permission: 'warning:read', titleKey: 'warning.detail' },
      },
      {
        path: 'warning/:id(\\d+)/edit',
        name: 'warning-edit',
        component: () => import('@/views/warning/form.vue'),
        meta: { permission: 'warning:draft', titleKey: 'warning.edit' },
      },
      {
        path: 'warning/:id(\\d+)/update',
        name: 'warning-update',
        component: () => import('@/views/warning/form.vue'),
        meta: { permission: 'warning:publish', titleKey: 'warning.update' },
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/views/admin/users/list.vue'),
        meta: { roles: ['ADMIN'], titleKey: 'menu.users' },
      },
      {
        path: 'admin/departments',
        name: 'admin-departments',
        component: () => import('@/views/admin/departments/list.vue'),
        meta: { roles: ['ADMIN'], titleKey: 'menu.departments' },
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/views/admin/audit/list.vue'),
        meta: { roles: ['ADMIN'], titleKey: 'menu.audit' },
      },
      {
        path: 'account/tokens',
        name: 'account-tokens',
        component: () => import('@/views/account/tokens/list.vue'),
        meta: { titleKey: 'menu.tokens' },
      },
      {
        path: 'coming/:module',
        name: 'coming',
        component: () => import('@/views/coming/index.vue'),
        props: true,
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/error/Forbidden.vue'),
        meta: { titleKey: 'common.forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/NotFound.vue'),
        meta: { titleKey: 'common.notFound.title' },
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.public) {
    // Already signed in (known without asking): skip the login page.
    if (to.name === 'login' && session.checked && session.me) {
      return session.me.mustChangePassword ? { name: 'change-password' } : { path: '/map' }
    }
    return true
  }

  let me
  try {
    me = await loadMe()
  } catch (e) {
    showError(e)
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (!me) {
    return { name: 'login', query: to.fullPath !== '/' && to.fullPath !== '/map' ? { redirect: to.fullPath } : {} }
  }
  if (me.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password' }
  }
  if (to.meta.roles && !to.meta.roles.includes(me.role)) {
    return { name: 'forbidden' }
  }
  if (to.meta.permission && !(me.permissions ?? []).includes(to.meta.permission)) {
    return { name: 'forbidden' }
  }
  return true
})

router.afterEach((to) => {
  const app = t('common.appName')
  const title = routeTitle(to)
  document.title = title ? `${title} · ${app}` : app
})

// --- wiring the axios 401/403 hooks to the router ---
let redirecting = false

authHooks.onUnauthorized = () => {
  const current = router.currentRoute.value
  clearSession()
  if (current.meta.public || redirecting) return
  redirecting = true
  router
    .replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
    .finally(() => {
      redirecting = false
    })
}

authHooks.onPasswordChangeRequired = () => {
  if (router.currentRoute.value.name === 'change-password') return
  void loadMe(true)
    .catch(() => null)
    .then(() => router.replace({ name: 'change-password' }))
}
