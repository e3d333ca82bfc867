/** The platform's notifications: list, mark read, and the live SSE stream's address. */
import { http } from './http'

export interface Notification {
  id: number
  userId?: number
  title: string
  body: string | null
  /** an in-app path such as `/safety/hazards/12`, or null */
  link: string | null
  createdAt: string
  readAt?: string | null
}

export interface NotificationList {
  items: Notification[]
  unread: number
}

export async function listNotifications(opts: { unread?: boolean; limit?: number } = {}): Promise<NotificationList> {
  const { data } = await http.get<NotificationList>('/api/notifications', {
    params: { unread: opts.unread ?? false, limit: opts.limit ?? 30 },
  })
  return data
}

export async function markNotificationRead(id: number): Promise<void> {
  await http.post(`/api/notifications/${id}/read`)
}

/** Server-sent events: `hello` {unread} on connect, `notification` {id,title,body,link,createdAt} for each new one. */
export const NOTIFICATION_STREAM = '/api/notifications/stream'
