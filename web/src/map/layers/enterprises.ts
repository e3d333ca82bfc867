/**
 * 安全风险四色图: every visible enterprise (GET /api/safety/layers/enterprises, one request, gzip) as a point
 * coloured by its risk level — red, orange, yellow, blue, grey when not assessed — clustered like the resource
 * layers; a cluster takes the colour of the worst level inside it. Features live only in OpenLayers.
 */
import Feature, { type FeatureLike } from 'ol/Feature'
import Point from 'ol/geom/Point'
import VectorLayer from 'ol/layer/Vector'
import VectorSource from 'ol/source/Vector'
import Cluster from 'ol/source/Cluster'
import type OlMap from 'ol/Map'
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style'
import axios from 'axios'
import { enterpriseLayer, type EnterpriseLayer, type Industry, type RiskLevel } from '@/api/safety'
import { errorText } from '@/api/http'
import { RISK_COLOURS } from '@/views/safety/shared'
import { lonLatToMercator } from '../context'
import { CLUSTER_DISTANCE } from './resources'

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif'
const LABEL_RESOLUTION = 10
/** most severe first; index = severity rank */
const LEVELS: (RiskLevel | 'NONE')[] = ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'NONE']

export interface EnterprisePoint {
  id: number
  name: string
  industry: Industry
  park: string | null
  riskLevel: RiskLevel | null
  regionCode: string
}

export interface EnterpriseLayerStats {
  loading: boolean
  error: string
  count: number
  /** RED, ORANGE, YELLOW, BLUE, NONE → count */
  byLevel: Record<string, number>
  ms: number | null
}

export const emptyEnterpriseStats = (): EnterpriseLayerStats => ({
  loading: false,
  error: '',
  count: 0,
  byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])),
  ms: null,
})

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`
}

const textColour = (level: RiskLevel | 'NONE') => (level === 'YELLOW' ? '#3e2f00' : '#ffffff')
const rank = (feature: FeatureLike) => {
  const level = feature.get('riskLevel') as RiskLevel | null
  return level ? LEVELS.indexOf(level) : LEVELS.length - 1
}

function styles() {
  const singles = new Map<string, Style>()
  const clusters = new Map<string, Style[]>()
  const labels = new WeakMap<object, Style>()

  function single(level: RiskLevel | 'NONE'): Style {
    let s = singles.get(level)
    if (!s) {
      s = new Style({
        image: new CircleStyle({
          radius: 8,
          fill: new Fill({ color: RISK_COLOURS[level] }),
          stroke: new Stroke({ color: level === 'YELLOW' ? '#8d7a00' : '#ffffff', width: 2 }),
        }),
        zIndex: LEVELS.length - LEVELS.indexOf(level),
      })
      singles.set(level, s)
    }
    return s
  }

  function cluster(level: RiskLevel | 'NONE', n: number): Style[] {
    const key = `${level}|${n}`
    let s = clusters.get(key)
    if (!s) {
      const colour = RISK_COLOURS[level]
      const radius = 11 + Math.min(10, Math.log2(n) * 1.6)
      s = [
        new Style({ image: new CircleStyle({ radius: radius + 4, fill: new Fill({ color: withAlpha(colour, 0.3) }) }), zIndex: 10 }),
        new Style({
          image: new CircleStyle({
            radius,
            fill: new Fill({ color: withAlpha(colour, 0.92) }),
            stroke: new Stroke({ color: '#ffffff', width: 2 }),
          }),
          text: new Text({ text: n >= 10000 ? `${(n / 10000).toFixed(1)}万` : String(n), font: `bold 12px ${FONT}`, fill: new Fill({ color: textColour(level) }) }),
          zIndex: 11,
        }),
      ]
      clusters.set(key, s)
    }
    return s
  }

  function label(feature: FeatureLike): Style {
    let s = labels.get(feature)
    if (!s) {
      s = new Style({
        text: new Text({
          text: String(feature.get('name') ?? ''),
          font: `12px ${FONT}`,
          offsetY: 17,
          fill: new Fill({ color: '#1d2b3a' }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 3 }),
        }),
        zIndex: 12,
      })
      labels.set(feature, s)
    }
    return s
  }

  return (feature: FeatureLike, resolution: number): Style | Style[] => {
    const members = feature.get('features') as FeatureLike[] | undefined
    if (members && members.length > 1) {
      let worst = LEVELS.length - 1
      for (const m of members) {
        const r = rank(m)
        if (r < worst) worst = r
        if (worst === 0) break
      }
      return cluster(LEVELS[worst]!, members.length)
    }
    const point = members?.[0] ?? feature
    const symbol = single(LEVELS[rank(point)]!)
    return resolution <= LABEL_RESOLUTION ? [symbol, label(point)] : symbol
  }
}

function toFeatures(data: EnterpriseLayer): Feature<Point>[] {
  const out: Feature<Point>[] = []
  for (const f of data.features) {
    const c = f.geometry?.coordinates
    if (!c) continue
    const p = f.properties
    const feature = new Feature<Point>(new Point(lonLatToMercator(c[0], c[1])))
    const id = Number(p.id ?? f.id)
    feature.setId(`enterprise:${id}`)
    feature.setProperties(
      {
        id,
        name: p.name,
        industry: p.industry,
        park: p.park ?? null,
        riskLevel: p.riskLevel ?? null,
        regionCode: p.regionCode,
        enterprise: true,
      },
      true,
    )
    out.push(feature)
  }
  return out
}

/** The four-colour layer: loads every visible enterprise once per switch-on. */
export class EnterpriseRiskLayer {
  readonly points = new VectorSource<Feature<Point>>({ wrapX: false })
  readonly clusters = new Cluster({ source: this.points, distance: CLUSTER_DISTANCE, minDistance: 20, wrapX: false })
  readonly layer = new VectorLayer({
    source: this.clusters,
    style: styles(),
    zIndex: 35,
    visible: false,
    properties: { name: 'safety-enterprises' },
    updateWhileAnimating: false,
    updateWhileInteracting: false,
  })
  private controller: AbortController | null = null
  private loaded = false

  constructor(private readonly report: (stats: Partial<EnterpriseLayerStats>) => void) {}

  get isLoaded() {
    return this.loaded
  }

  async load(map: OlMap): Promise<void> {
    this.controller?.abort()
    const controller = new AbortController()
    this.controller = controller
    const started = performance.now()
    this.report({ loading: true, error: '' })
    try {
      const data = await enterpriseLayer(controller.signal)
      if (controller.signal.aborted || !this.layer.getVisible()) return
      const features = toFeatures(data)
      this.points.clear(true)
      this.points.addFeatures(features)
      this.loaded = true
      const byLevel: Record<string, number> = Object.fromEntries(LEVELS.map((l) => [l, 0]))
      for (const f of features) {
        const level = (f.get('riskLevel') as string | null) ?? 'NONE'
        byLevel[level] = (byLevel[level] ?? 0) + 1
      }
      this.report({ loading: false, count: features.length, byLevel })
      map.once('rendercomplete', () => {
        const ms = Math.round(performance.now() - started)
        window.__yingjiLayerTimings = window.__yingjiLayerTimings ?? {}
        window.__yingjiLayerTimings['enterprise-risk'] = ms
        this.report({ ms })
      })
      map.render()
    } catch (e) {
      if (axios.isCancel(e) || controller.signal.aborted) return
      this.report({ loading: false, error: errorText(e) })
    } finally {
      if (this.controller === controller) this.controller = null
    }
  }

  unload() {
    this.controller?.abort()
    this.controller = null
    this.points.clear(true)
    this.loaded = false
    this.report(emptyEnterpriseStats())
  }

  findPoint(id: number): Feature<Point> | null {
    return this.points.getFeatureById(`enterprise:${id}`) as Feature<Point> | null
  }
}
