/**
 * Shared, cached context for small maps (the resource form's picker and the detail drawer): the county
 * outlines and the client settings (Tianditu key), each fetched once per page load.
 */
import { clientSettings, regionGeoJson, type ClientSettings, type FeatureCollection, type RegionFeatureProps } from '@/api/platform'

let counties: Promise<FeatureCollection<RegionFeatureProps> | null> | null = null
let settings: Promise<ClientSettings | null> | null = null

/** County polygons, or null when they cannot be loaded (the small maps then show the point alone). */
export function countyOutlines(): Promise<FeatureCollection<RegionFeatureProps> | null> {
  if (!counties) {
    counties = regionGeoJson('COUNTY').catch(() => {
      counties = null
      return null
    })
  }
  return counties
}

export function cachedSettings(): Promise<ClientSettings | null> {
  if (!settings) {
    settings = clientSettings().catch(() => {
      settings = null
      return null
    })
  }
  return settings
}

/** Web Mercator from WGS84 without going through the projection registry (hot loops: 20 000 points). */
export function lonLatToMercator(lon: number, lat: number): [number, number] {
  const R = 6378137
  const x = (R * lon * Math.PI) / 180
  const clamped = Math.max(Math.min(lat, 85.0511287798), -85.0511287798)
  const y = R * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360))
  return [x, y]
}
