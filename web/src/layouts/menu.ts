/** The platform's navigation: working modules route; coming ones are shown disabled with a 建设中 tag. */
import type { Component } from 'vue'
import {
  MapLocation,
  Box,
  Monitor,
  Bell,
  Aim,
  Guide,
  FirstAidKit,
  Stamp,
  Setting,
  User,
  OfficeBuilding,
  Document,
  Key,
  Flag,
  Van,
  Avatar,
  Goods,
  House,
  Tools,
  WarningFilled,
  School,
  VideoCamera,
  Warning,
  DataAnalysis,
  Histogram,
} from '@element-plus/icons-vue'
import { KIND_STYLES } from '@/stores/resourceKinds'

export interface MenuItem {
  /** route path, or a stable id for coming modules */
  index: string
  labelKey: string
  icon: Component
  /** not built yet */
  coming?: boolean
  roles?: string[]
  /** permission the user's role must grant (`/api/auth/me` → permissions) */
  permission?: string
  children?: MenuItem[]
}

/** Menu icon of each resource kind (labels come from the locale files: resources.kinds.*). */
const KIND_ICONS: Record<string, Component> = {
  RESCUE_TEAM: Flag,
  FIRE_STATION: Van,
  EXPERT: Avatar,
  WAREHOUSE: Goods,
  SHELTER: House,
  EQUIPMENT: Tools,
  HAZARD_SOURCE: WarningFilled,
  PROTECTION_TARGET: School,
  VIDEO_SOURCE: VideoCamera,
}

export const menu: MenuItem[] = [
  { index: '/map', labelKey: 'menu.map', icon: MapLocation },
  {
    index: 'resources',
    labelKey: 'menu.resources',
    icon: Box,
    permission: 'resource:read',
    children: KIND_STYLES.map((k) => ({
      index: `/resources/${k.path}`,
      labelKey: `resources.kinds.${k.kind}`,
      icon: KIND_ICONS[k.kind] ?? Box,
    })),
  },
  {
    index: 'monitoring',
    labelKey: 'menu.monitoring',
    icon: Monitor,
    permission: 'monitoring:read',
    children: [
      { index: '/monitoring/alarms', labelKey: 'menu.monitoringAlarms', icon: Bell },
      { index: '/monitoring/stations', labelKey: 'menu.monitoringStations', icon: MapLocation },
      { index: '/monitoring/dead-letters', labelKey: 'menu.monitoringDeadLetters', icon: Warning },
    ],
  },
  {
    index: 'warning',
    labelKey: 'menu.warning',
    icon: Bell,
    permission: 'warning:read',
    children: [
      { index: '/warning', labelKey: 'menu.warningList', icon: Bell },
      { index: '/warning/recipients', labelKey: 'menu.warningRecipients', icon: User },
    ],
  },
  {
    index: 'command',
    labelKey: 'menu.command',
    icon: Aim,
    permission: 'command:read',
    children: [
      { index: '/command/incidents', labelKey: 'menu.commandIncidents', icon: Warning },
      { index: '/command/duty', labelKey: 'menu.commandDuty', icon: Bell },
      { index: '/command/plans', labelKey: 'menu.commandPlans', icon: Document },
    ],
  },
  {
    index: 'routing',
    labelKey: 'menu.routing',
    icon: Guide,
    permission: 'routing:read',
    children: [{ index: '/routing/coverage', labelKey: 'menu.routingCoverage', icon: Van }],
  },
  {
    index: 'safety',
    labelKey: 'menu.safety',
    icon: FirstAidKit,
    permission: 'safety:read',
    children: [
      { index: '/safety/enterprises', labelKey: 'menu.safetyEnterprises', icon: OfficeBuilding },
      { index: '/safety/hazards', labelKey: 'menu.safetyHazards', icon: Warning },
      { index: '/safety/dashboard', labelKey: 'menu.safetyDashboard', icon: DataAnalysis, permission: 'safety:regulate' },
      { index: '/safety/my', labelKey: 'menu.safetyMy', icon: Histogram, roles: ['ENTERPRISE_USER'] },
    ],
  },
  { index: 'enforcement', labelKey: 'menu.enforcement', icon: Stamp, coming: true },
  {
    index: 'admin',
    labelKey: 'menu.admin',
    icon: Setting,
    roles: ['ADMIN'],
    children: [
      { index: '/admin/users', labelKey: 'menu.users', icon: User },
      { index: '/admin/departments', labelKey: 'menu.departments', icon: OfficeBuilding },
      { index: '/admin/audit', labelKey: 'menu.audit', icon: Document },
    ],
  },
  { index: '/account/tokens', labelKey: 'menu.tokens', icon: Key },
]

/** The items (and sub-items) the role may see; a group left without children is dropped. */
export function visibleMenu(role: string | undefined, permissions: readonly string[] = []): MenuItem[] {
  const allowed = (m: MenuItem) =>
    (!m.roles || (role !== undefined && m.roles.includes(role))) && (!m.permission || permissions.includes(m.permission))
  return menu
    .filter(allowed)
    .map((m) => (m.children ? { ...m, children: m.children.filter(allowed) } : m))
    .filter((m) => !m.children || m.children.length > 0)
}
