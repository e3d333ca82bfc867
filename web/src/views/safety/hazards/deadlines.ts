/** Date-picker shortcuts for rectification deadlines: 7, 15, 30, 60 days from now at 18:00. */
import { t } from '@/locales'
import { defaultDeadline } from '../shared'

export function deadlineShortcuts() {
  return [7, 15, 30, 60].map((days) => ({ text: t('safety.actions.inDays', { n: days }), value: () => defaultDeadline(days) }))
}
