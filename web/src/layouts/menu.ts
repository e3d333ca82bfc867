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
} from '@element-plus/icons-vue'

export interface MenuItem {
  /** route path, or a stable id for coming modules */
  index: string
  labelKey: string
  icon: Component
  /** not built yet */
  coming?: boolean
  roles?: string[]
  children?: MenuItem[]
}

export const menu: MenuItem[] = [
  { index: '/map', labelKey: 'menu.map', icon: MapLocation },
  { index: 'resources', labelKey: 'menu.resources', icon: Box, coming: true },
  { index: 'monitoring', labelKey: 'menu.monitoring', icon: Monitor, coming: true },
  { index: 'warning', labelKey: 'menu.warning', icon: Bell, coming: true },
  { index: 'command', labelKey: 'menu.command', icon: Aim, coming: true },
  { index: 'routing', labelKey: 'menu.routing', icon: Guide, coming: true },
  { index: 'safety', labelKey: 'menu.safety', icon: FirstAidKit, coming: true },
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

export function visibleMenu(role: string | undefined): MenuItem[] {
  return menu.filter((m) => !m.roles || (role !== undefined && m.roles.includes(role)))
}
