/**
 * 路网分析: travel times over the road network (or a labelled straight-line estimate when none is configured),
 * nearest resources by travel time, isochrones and the T-minute coverage of the fire stations. Mirrors
 * docs/API.md (Routing) and the server's records in org.yingji.routing.
 */
import { http, cleanParams } from './http'
import { download, type ResourceView } from './resources'

/** Every answer says whether it is measured on the road graph or an estimate, and how. */
export interface Basis {
  estimate: boolean
  basis: string
}

export interface RoutingStatus extends Basis {
  state: 'NOT_CONFIGURED' | 'BUILDING' | 'READY' | 'FAILED'
  nodes: number | null
  edges: number | null
  failure: string | null
}

export interface LineGeometry {
  type: 'LineString'
  coordinates: [number, number][]
}

export interface AreaGeometry {
  type: 'MultiPolygon'
  coordinates: [number, number][][][]
}

export interface RouteAnswer extends Basis {
  seconds: number
  meters: number
  geometry: LineGeometry
}

export interface NearbyByTime {
  resource: ResourceView
  /** driving time from the resource to the point; null when it cannot reach it by road */
  seconds: number | null
  straightMeters: number
}

export interface NearestAnswer extends Basis {
  items: NearbyByTime[]
}

export interface Figures {
  population: number
  coveredPopulation: number
  populationShare: number
  hazards: number
  coveredHazards: number
  targets: number
  coveredTargets: number
}

export interface CoverageRow {
  code: string
  name: string
  level: 'COUNTY' | 'TOWNSHIP'
  countyName: string
  lon: number | null
  lat: number | null
  before: Figures
  after: Figures | null
}

export interface CandidateGain {
  lon: number
  lat: number
  addedPopulation: number
  addedHazards: number
  addedTargets: number
}

export interface CoverageStation {
  id: number
  name: string
  lon: number
  lat: number
}

export interface CoverageAnswer extends Basis {
  minutes: number
  note: string
  before: Figures
  after: Figures | null
  counties: CoverageRow[]
  townships: CoverageRow[]
  uncovered: CoverageRow[]
  stations: CoverageStation[]
  candidates: CandidateGain[]
  area: AreaGeometry
  areaAfter: AreaGeometry | null
}

export async function routingStatus(): Promise<RoutingStatus> {
  const { data } = await http.get<RoutingStatus>('/api/routing/status')
  return data
}

export async function route(from: [number, number], to: [number, number]): Promise<RouteAnswer> {
  const { data } = await http.get<RouteAnswer>('/api/routing/route', {
    params: { fromLon: from[0], fromLat: from[1], toLon: to[0], toLat: to[1] },
  })
  return data
}

/** The n resources of a kind that reach the point soonest by road (a status and kind fields as filters). */
export async function nearestByTime(params: {
  kind: string
  lon: number
  lat: number
  n?: number
  status?: string | null
  fields?: Record<string, string | null | undefined>
}): Promise<NearestAnswer> {
  const { fields, ...rest } = params
  const { data } = await http.get<NearestAnswer>('/api/routing/nearest', {
    params: cleanParams({ ...rest, ...(fields ?? {}) }),
  })
  return data
}

function candidateParam(candidates: [number, number][]): string | undefined {
  return candidates.length ? candidates.map((c) => `${c[0].toFixed(6)},${c[1].toFixed(6)}`).join(';') : undefined
}

export async function coverage(minutes: number, candidates: [number, number][]): Promise<CoverageAnswer> {
  const { data } = await http.get<CoverageAnswer>('/api/routing/coverage', {
    params: cleanParams({ minutes, candidates: candidateParam(candidates) }),
  })
  return data
}

export function exportCoverage(minutes: number, candidates: [number, number][], fallbackName: string): Promise<void> {
  return download('/api/routing/coverage/export.xlsx', cleanParams({ minutes, candidates: candidateParam(candidates) }),
    fallbackName)
}

/** 3 min 20 s → "3.3 分钟"; under a minute in seconds. */
export function formatMinutes(seconds: number | null, minuteUnit: string, secondUnit: string): string {
  if (seconds === null) return '—'
  if (seconds < 60) return `${Math.round(seconds)} ${secondUnit}`
  return `${(seconds / 60).toFixed(seconds < 600 ? 1 : 0)} ${minuteUnit}`
}
