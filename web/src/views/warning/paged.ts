/** One page of a list with its loading flag: the warning and recipient lists share it. */
import { ref, type Ref } from 'vue'
import type { Page } from '@/api/http'
import { showError } from '@/utils/feedback'

export function usePaged<T>(fetch: () => Promise<Page<T>>) {
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const page = await fetch()
      items.value = page.items
      total.value = page.total
    } catch (e) {
      showError(e)
    } finally {
      loading.value = false
    }
  }

  return { items, total, loading, load }
}
