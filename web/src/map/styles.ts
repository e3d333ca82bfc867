/** Styles of the region layers (city outline, county polygons, township seats). */
import { Fill, Stroke, Style, Text, Circle as CircleStyle } from 'ol/style'
import type { FeatureLike } from 'ol/Feature'
import type { Geometry, MultiPolygon, Point, Polygon } from 'ol/geom'

/** Soft, distinct fills for the counties (cycled by the county's index in code order). */
export const COUNTY_PALETTE = [
  '#f6c9a8', // apricot
  '#bfe0c4', // mint
  '#c6d6f2', // periwinkle
  '#f2d8ec', // pink
  '#f5e7a9', // straw
  '#c9ebe9', // aqua
  '#dccff0', // lavender
  '#e9d7c1', // sand
]

const FONT_FAMILY = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif'

/** Resolution (m/px) of zoom 10 in the standard Web Mercator grid; township names show at this or closer. */
export const TOWNSHIP_LABEL_RESOLUTION = 156543.03392804097 / 2 ** 10 + 1e-6

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`
}

/** county code → fill colour; codes sorted so the same county keeps its colour. */
export function countyColours(codes: string[]): Map<string, string> {
  const sorted = [...new Set(codes)].sort()
  return new Map(sorted.map((c, i) => [c, COUNTY_PALETTE[i % COUNTY_PALETTE.length]!]))
}

const labelPoints = new WeakMap<object, Point | undefined>()

/** One label per area: the interior point of its largest polygon (a county may have detached parts). */
function labelPoint(feature: FeatureLike): Geometry | undefined {
  if (labelPoints.has(feature)) return labelPoints.get(feature)
  const geometry = feature.getGeometry() as Geometry | undefined
  let point: Point | undefined
  if (geometry?.getType() === 'Polygon') {
    point = (geometry as Polygon).getInteriorPoint()
  } else if (geometry?.getType() === 'MultiPolygon') {
    const polygons = (geometry as MultiPolygon).getPolygons()
    const largest = polygons.reduce<Polygon | undefined>(
      (best, p) => (!best || p.getArea() > best.getArea() ? p : best),
      undefined,
    )
    point = largest?.getInteriorPoint()
  }
  labelPoints.set(feature, point)
  return point
}

export function countyStyle(colours: () => Map<string, string>, selected: () => string | null) {
  const cache = new Map<string, Style[]>()
  return (feature: FeatureLike): Style[] => {
    const code = String(feature.get('code') ?? '')
    const isSelected = selected() === code
    const key = `${code}|${isSelected}`
    let style = cache.get(key)
    if (!style) {
      const colour = colours().get(code) ?? COUNTY_PALETTE[0]!
      style = [
        new Style({
          fill: new Fill({ color: withAlpha(colour, isSelected ? 0.85 : 0.6) }),
          stroke: new Stroke({ color: isSelected ? '#e67e22' : '#6b7785', width: isSelected ? 3 : 1.2 }),
          zIndex: isSelected ? 1 : 0,
        }),
        new Style({
          geometry: labelPoint,
          text: new Text({
            text: String(feature.get('name') ?? ''),
            font: `600 14px ${FONT_FAMILY}`,
            fill: new Fill({ color: '#2c3e50' }),
            stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
          }),
          zIndex: 2,
        }),
      ]
      cache.set(key, style)
    }
    return style
  }
}

export const cityStyle = new Style({
  stroke: new Stroke({ color: '#b3261e', width: 3 }),
})

const seat = {
  surveyed: new CircleStyle({
    radius: 4,
    fill: new Fill({ color: '#1f6fb2' }),
    stroke: new Stroke({ color: '#ffffff', width: 1.5 }),
  }),
  approximate: new CircleStyle({
    radius: 4,
    fill: new Fill({ color: 'rgba(255,255,255,0.85)' }),
    stroke: new Stroke({ color: '#1f6fb2', width: 1.5 }),
  }),
}

export function townshipStyle(selected: () => string | null) {
  return (feature: FeatureLike, resolution: number): Style => {
    const approximate = feature.get('approximate') === true
    const isSelected = selected() === feature.get('code')
    const showLabel = resolution <= TOWNSHIP_LABEL_RESOLUTION || isSelected
    return new Style({
      image: isSelected
        ? new CircleStyle({
            radius: 6,
            fill: new Fill({ color: approximate ? 'rgba(255,255,255,0.9)' : '#b3261e' }),
            stroke: new Stroke({ color: '#b3261e', width: 2 }),
          })
        : approximate
          ? seat.approximate
          : seat.surveyed,
      text: showLabel
        ? new Text({
            text: String(feature.get('name') ?? ''),
            font: `12px ${FONT_FAMILY}`,
            offsetY: -12,
            fill: new Fill({ color: '#1d2b3a' }),
            stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 3 }),
          })
        : undefined,
      zIndex: isSelected ? 2 : approximate ? 0 : 1,
    })
  }
}
