/**
 * 监测站点: every visible monitoring station (GET /api/monitoring/layer) as a point coloured by its current
 * warning level (green = normal), updated live from the monitoring stream's `station` events.
 */
import Feature, { type FeatureLike } from 'ol/Feature'
import Point from 'ol/geom/Point'
import VectorLayer from 'ol/layer/Vector'
import VectorSource from 'ol/source/Vector'
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style'
import { stationLayer, openStream, LEVELS, LEVEL_COLOURS, type Level } from '@/api/monitoring'
import { errorText } from '@/api/http'
import { lonLatToMercator } from '../context'

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif'

export interface StationLayerStats {
  loading: boolean
  error: string
  count: number
  byLevel: Record<string, number>
}

export const emptyStationStats = (): StationLayerStats => ({
  loading: false,
  error: '',
  count: 0,
  byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])),
})

const cache = new Map<string, Style[]>()
function style(feature: FeatureLike, resolution: number): Style[] {
  const level = (feature.get('level') as Level) ?? 'NORMAL'
  const showLabel = resolution <= 60
  const key = `${level}|${showLabel ? feature.get('name') : ''}`
  let s = cache.get(key)
  if (!s) {
    s = [
      new Style({
        image: new CircleStyle({
          radius: level === 'NORMAL' ? 7 : 10,
          fill: new Fill({ color: LEVEL_COLOURS[level] }),
          stroke: new Stroke({ color: '#ffffff', width: 2 }),
        }),
        zIndex: 10 - LEVELS.indexOf(level),
        text: showLabel
          ? new Text({
              text: String(feature.get('name') ?? ''),
              font: `12px ${FONT}`,
              offsetY: 18,
              fill: new Fill({ color: '#1d2b3a' }),
              stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 3 }),
            })
          : undefined,
      }),
    ]
    cache.set(key, s)
  }
  return s
}

export class MonitoringStationLayer {
  readonly source = new VectorSource<Feature<Point>>({ wrapX: false })
  readonly layer = new VectorLayer({ source: this.source, style, zIndex: 36, visible: false, properties: { name: 'monitoring-stations' } })
  private closeStream: (() => void) | null = null

  constructor(private readonly report: (stats: Partial<StationLayerStats>) => void) {}

  async load(): Promise<void> {
    this.report({ loading: true, error: '' })
    try {
      const data = await stationLayer()
      this.source.clear(true)
      for (const f of data.features) {
        const c = f.geometry.coordinates
        const feature = new Feature<Point>(new Point(lonLatToMercator(c[0]!, c[1]!)))
        feature.setId(`station:${f.properties.id}`)
        feature.setProperties({ ...f.properties, monitoringStation: true }, true)
        this.source.addFeature(feature)
      }
      this.recount()
      this.closeStream?.()
      this.closeStream = openStream({
        station: (s) => {
          const feature = this.source.getFeatureById(`station:${s.stationId}`)
          if (feature) {
            feature.set('level', s.level)
            this.recount()
          }
        },
      })
    } catch (e) {
      this.report({ loading: false, error: errorText(e) })
    }
  }

  private recount() {
    const byLevel: Record<string, number> = Object.fromEntries(LEVELS.map((l) => [l, 0]))
    for (const f of this.source.getFeatures()) byLevel[f.get('level') as string] = (byLevel[f.get('level') as string] ?? 0) + 1
    this.report({ loading: false, count: this.source.getFeatures().length, byLevel })
  }

  unload() {
    this.closeStream?.()
    this.closeStream = null
    this.source.clear(true)
    this.report(emptyStationStats())
  }
}
