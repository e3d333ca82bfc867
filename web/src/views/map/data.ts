/** What the map page loads, in one place: settings, region GeoJSON and the county/township lists. */
import {
  clientSettings,
  listRegions,
  regionGeoJson,
  type ClientSettings,
  type FeatureCollection,
  type Region,
  type RegionFeatureProps,
} from '@/api/platform'

export interface CountyRow {
  code: string
  name: string
  lon: number | null
  lat: number | null
  townships: number
}

/** The /api/regions lists: counties with their number of townships. */
export async function loadCountyRows(): Promise<CountyRow[]> {
  const [counties, townships] = await Promise.all([
    listRegions({ level: 'COUNTY' }),
    listRegions({ level: 'TOWNSHIP' }),
  ])
  const perCounty = new Map<string, number>()
  for (const t of townships) {
    if (t.parentCode) perCounty.set(t.parentCode, (perCounty.get(t.parentCode) ?? 0) + 1)
  }
  return [...counties]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c: Region) => ({
      code: c.code,
      name: c.name,
      lon: c.lon,
      lat: c.lat,
      townships: perCounty.get(c.code) ?? 0,
    }))
}

export interface RegionLayersData {
  city: FeatureCollection<RegionFeatureProps>
  counties: FeatureCollection<RegionFeatureProps>
  townships: FeatureCollection<RegionFeatureProps>
}

export async function loadRegionLayers(): Promise<RegionLayersData> {
  const [city, counties, townships] = await Promise.all([
    regionGeoJson('CITY'),
    regionGeoJson('COUNTY'),
    regionGeoJson('TOWNSHIP'),
  ])
  return { city, counties, townships }
}

/** Settings are optional for the map: without them it stays offline around Zigong. */
export async function loadSettings(): Promise<ClientSettings | null> {
  try {
    return await clientSettings()
  } catch {
    return null
  }
}
