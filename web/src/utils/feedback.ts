/** Message and confirmation helpers around Element Plus, speaking the API's problem details. */
import { ElMessage, ElMessageBox } from 'element-plus'
import { errorText } from '@/api/http'
import { t } from '@/locales'

export function showError(e: unknown): void {
  ElMessage({ type: 'error', message: errorText(e), showClose: true, duration: 6000, grouping: true })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true })
}

/** Resolves true when the user confirms. */
export async function confirmAction(message: string, opts: { danger?: boolean; confirmText?: string } = {}) {
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: opts.danger ? 'warning' : 'info',
      confirmButtonText: opts.confirmText ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: opts.danger ? 'el-button--danger' : undefined,
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}
