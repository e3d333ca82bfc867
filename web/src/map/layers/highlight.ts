/**
 * A small vector layer above everything: the selected resource's ring, and the "nearest resources" result
 * (the clicked point, straight lines to each result, numbered markers carrying their `index`, and the driving
 * route of the active result).
 */
import Feature from 'ol/Feature'
import { LineString, Point } from 'ol/geom'
import VectorLayer from 'ol/layer/Vector'
import VectorSource from 'ol/source/Vector'
import { Circle as CircleStyle, Fill, Stroke, Style, Text } from 'ol/style'
import type { FeatureLike } from 'ol/Feature'
import { lonLatToMercator } from '../context'

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif'

export interface NearestMarker {
  lon: number
  lat: number
  colour: string
  approximate: boolean
}

export function createHighlightLayer() {
  const source = new VectorSource()
  const styleCache = new Map<string, Style | Style[]>()
  let active: number | null = null

  const style = (feature: FeatureLike): Style | Style[] | undefined => {
    const role = feature.get('role') as string
    if (role === 'selection') {
      // the ring plus the resource's own symbol, so the selection reads even when its layer is off
      const colour = feature.get('colour') as string
      const glyph = feature.get('glyph') as string
      const approximate = feature.get('approximate') === true
      const key = `sel|${colour}|${glyph}|${approximate}`
      let s = styleCache.get(key)
      if (!s) {
        s = [
          new Style({ image: new CircleStyle({ radius: 20, stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 6 }) }) }),
          new Style({ image: new CircleStyle({ radius: 20, stroke: new Stroke({ color: colour, width: 3 }) }) }),
          new Style({
            image: new CircleStyle({
              radius: 11,
              fill: new Fill({ color: approximate ? '#ffffff' : colour }),
              stroke: new Stroke({ color: approximate ? colour : '#ffffff', width: 2.5 }),
            }),
            text: new Text({
              text: glyph,
              font: `600 12px ${FONT}`,
              fill: new Fill({ color: approximate ? colour : '#ffffff' }),
              offsetY: 1,
            }),
          }),
        ]
        styleCache.set(key, s)
      }
      return s
    }
    if (role === 'origin') {
      let s = styleCache.get('origin')
      if (!s) {
        s = [
          new Style({
            image: new CircleStyle({ radius: 9, fill: new Fill({ color: '#ffffff' }), stroke: new Stroke({ color: '#b3261e', width: 3 }) }),
            zIndex: 20,
          }),
          new Style({ image: new CircleStyle({ radius: 3, fill: new Fill({ color: '#b3261e' }) }), zIndex: 21 }),
        ]
        styleCache.set('origin', s)
      }
      return s
    }
    if (role === 'line') {
      const isActive = feature.get('index') === active
      const key = `line|${isActive}`
      let s = styleCache.get(key)
      if (!s) {
        s = new Style({
          stroke: new Stroke({
            color: isActive ? '#b3261e' : 'rgba(31,111,178,0.85)',
            width: isActive ? 3 : 2,
            lineDash: isActive ? undefined : [6, 5],
          }),
          zIndex: isActive ? 9 : 8,
        })
        styleCache.set(key, s)
      }
      return s
    }
    if (role === 'route') {
      let s = styleCache.get('route')
      if (!s) {
        s = [
          new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 7 }), zIndex: 11 }),
          new Style({ stroke: new Stroke({ color: '#d9480f', width: 4 }), zIndex: 12 }),
        ]
        styleCache.set('route', s)
      }
      return s
    }
    if (role === 'result') {
      const index = feature.get('index') as number
      const colour = feature.get('colour') as string
      const approximate = feature.get('approximate') === true
      const isActive = index === active
      const key = `res|${index}|${colour}|${approximate}|${isActive}`
      let s = styleCache.get(key)
      if (!s) {
        s = new Style({
          image: new CircleStyle({
            radius: isActive ? 13 : 11,
            fill: new Fill({ color: approximate ? '#ffffff' : colour }),
            stroke: new Stroke({ color: isActive ? '#b3261e' : approximate ? colour : '#ffffff', width: isActive ? 3 : 2.5 }),
          }),
          text: new Text({
            text: String(index + 1),
            font: `bold 12px ${FONT}`,
            fill: new Fill({ color: approximate ? colour : '#ffffff' }),
          }),
          zIndex: isActive ? 15 : 10,
        })
        styleCache.set(key, s)
      }
      return s
    }
    return undefined
  }

  const layer = new VectorLayer({
    source,
    style,
    zIndex: 80,
    properties: { name: 'highlight' },
    updateWhileAnimating: true,
    updateWhileInteracting: true,
  })

  function removeRole(...roles: string[]) {
    for (const f of [...source.getFeatures()]) if (roles.includes(f.get('role'))) source.removeFeature(f)
  }

  function showSelection(lon: number, lat: number, colour: string, glyph: string, approximate: boolean) {
    removeRole('selection')
    source.addFeature(
      new Feature({ geometry: new Point(lonLatToMercator(lon, lat)), role: 'selection', colour, glyph, approximate }),
    )
  }

  function clearSelection() {
    removeRole('selection')
  }

  function showNearest(origin: [number, number], markers: NearestMarker[]) {
    removeRole('origin', 'line', 'result', 'route')
    active = null
    const from = lonLatToMercator(origin[0], origin[1])
    const features: Feature[] = [new Feature({ geometry: new Point(from), role: 'origin' })]
    markers.forEach((m, index) => {
      const to = lonLatToMercator(m.lon, m.lat)
      features.push(new Feature({ geometry: new LineString([from, to]), role: 'line', index }))
      features.push(
        new Feature({
          geometry: new Point(to),
          role: 'result',
          index,
          colour: m.colour,
          approximate: m.approximate,
        }),
      )
    })
    source.addFeatures(features)
  }

  function setActive(index: number | null) {
    active = index
    layer.changed()
  }

  function clearNearest() {
    active = null
    removeRole('origin', 'line', 'result', 'route')
  }

  /** The driving route of one result, [lon, lat] positions (a straight segment for an estimate). */
  function showRoute(positions: [number, number][]) {
    removeRole('route')
    const line = new LineString(positions.map((p) => lonLatToMercator(p[0], p[1])))
    source.addFeature(new Feature({ geometry: line, role: 'route' }))
  }

  return { layer, showSelection, clearSelection, showNearest, clearNearest, setActive, showRoute }
}
