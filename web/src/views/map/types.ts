/** Shapes shared by the map page and its panels. */
import type { ResourceView } from '@/api/resources'

/** What the resource popup shows; the layer's properties first, the full record once fetched. */
export interface ResourcePopupInfo {
  id: number
  kind: string
  path: string
  name: string
  status: string | null
  regionCode: string
  regionName: string | null
  approximate: boolean
  lon: number
  lat: number
  /** the full record, once fetched */
  detail: ResourceView | null
  detailLoading: boolean
}

/** One of several points that stay together even at the closest zoom. */
export interface ClusterMember {
  id: number
  kind: string
  path: string
  name: string
  approximate: boolean
}
