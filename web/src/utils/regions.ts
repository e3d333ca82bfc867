/** Helpers over the region tree (GET /api/regions/tree). */
import type { RegionNode } from '@/api/platform'

/** code → name over the whole tree. */
export function regionNames(tree: RegionNode[]): Map<string, string> {
  const names = new Map<string, string>()
  const walk = (nodes: RegionNode[]) => {
    for (const n of nodes) {
      names.set(n.code, n.name)
      if (n.children?.length) walk(n.children)
    }
  }
  walk(tree)
  return names
}

/** Tree-select props for RegionNode data. */
export const regionTreeProps = { label: 'name', value: 'code', children: 'children' } as const
