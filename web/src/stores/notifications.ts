/**
 * My notifications: the latest ones and the unread count (GET /api/notifications), kept live by the SSE stream
 * (GET /api/notifications/stream: `hello` {unread} on every (re)connect, `notification` for each new one) through
 * EventSource, which reconnects by itself after network errors; when the browser gives up (e.g. the server
 * answered an error), we reopen it with a growing delay. Each new notification also pops an ElNotification toast.
 */
import { reactive, readonly } from 'vue'
import { ElNotification } from 'element-plus'
import { localiseInstants } from '@/utils/format'
import { listNotifications, markNotificationRead, NOTIFICATION_STREAM, type Notification } from '@/api/notifications'

interface State {
  items: Notification[]
  unread: number
  loading: boolean
  error: string
  /** the live stream is open */
  live: boolean
}

const state = reactive<State>({ items: [], unread: 0, loading: false, error: '', live: false })
export const notifications = readonly(state)

const LIMIT = 30
let source: EventSource | null = null
let retryTimer: ReturnType<typeof setTimeout> | undefined
let retryDelay = 2000
let started = false
/** ids already shown (listed or toasted), so a reconnect does not toast old ones */
const seen = new Set<number>()
let navigate: (link: string) => void = () => {}

export async function refreshNotifications(): Promise<void> {
  state.loading = true
  state.error = ''
  try {
    const res = await listNotifications({ limit: LIMIT })
    state.items = res.items
    state.unread = res.unread
    for (const n of res.items) seen.add(n.id)
  } catch (e) {
    state.error = e instanceof Error ? e.message : String(e)
  } finally {
    state.loading = false
  }
}

function parse<T>(event: MessageEvent): T | null {
  try {
    return JSON.parse(String(event.data)) as T
  } catch {
    return null
  }
}

function onNotification(event: MessageEvent) {
  const n = parse<Notification>(event)
  if (!n || typeof n.id !== 'number' || seen.has(n.id)) return
  seen.add(n.id)
  state.items = [{ ...n, readAt: null }, ...state.items].slice(0, LIMIT)
  state.unread += 1
  ElNotification({
    title: n.title,
    message: localiseInstants(n.body),
    type: 'warning',
    duration: 8000,
    customClass: 'notify-toast',
    onClick: () => void openNotification(n),
  })
}

function connect() {
  if (!started || typeof EventSource === 'undefined') return
  source?.close()
  const es = new EventSource(NOTIFICATION_STREAM, { withCredentials: true })
  source = es
  es.addEventListener('hello', (event) => {
    state.live = true
    retryDelay = 2000
    const hello = parse<{ unread: number }>(event as MessageEvent)
    if (hello && typeof hello.unread === 'number') state.unread = hello.unread
    // catch up on anything sent while we were disconnected (listed, not toasted)
    void refreshNotifications()
  })
  es.addEventListener('notification', (event) => onNotification(event as MessageEvent))
  es.onerror = () => {
    state.live = false
    // CONNECTING: the browser retries by itself; CLOSED: it gave up, so we retry later
    if (es.readyState === EventSource.CLOSED && source === es) {
      clearTimeout(retryTimer)
      retryTimer = setTimeout(connect, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 60_000)
    }
  }
}

/** Starts listing and listening (once per sign-in); `go` opens an in-app link. */
export function startNotifications(go: (link: string) => void): void {
  navigate = go
  if (started) return
  started = true
  void refreshNotifications()
  connect()
}

export function stopNotifications(): void {
  started = false
  clearTimeout(retryTimer)
  source?.close()
  source = null
  state.live = false
  state.items = []
  state.unread = 0
  seen.clear()
}

export async function markRead(n: Notification): Promise<void> {
  if (n.readAt) return
  const item = state.items.find((x) => x.id === n.id)
  try {
    await markNotificationRead(n.id)
  } catch {
    // already read elsewhere (404) or offline: the next refresh shows the truth
  }
  if (item && !item.readAt) item.readAt = new Date().toISOString()
  state.unread = Math.max(0, state.unread - 1)
}

export async function markAllRead(): Promise<void> {
  const unread = state.items.filter((n) => !n.readAt)
  await Promise.all(unread.map((n) => markRead(n)))
  await refreshNotifications()
}

/** Marks it read and follows its link. */
export async function openNotification(n: Notification): Promise<void> {
  const item = state.items.find((x) => x.id === n.id) ?? n
  await markRead(item)
  if (n.link) navigate(n.link)
}
