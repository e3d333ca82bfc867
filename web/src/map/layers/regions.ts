/** Vector layers of the administrative regions, read from GET /api/regions/geojson (EPSG:4326). */
import GeoJSON from 'ol/format/GeoJSON'
import VectorLayer from 'ol/layer/Vector'
import VectorSource from 'ol/source/Vector'
import type Feature from 'ol/Feature'
import type { Geometry } from 'ol/geom'
import type { StyleLike } from 'ol/style/Style'
import type { FlatStyleLike } from 'ol/style/flat'
import type { FeatureCollection } from '@/api/platform'
import { MAP_PROJECTION } from '../useMap'

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: MAP_PROJECTION })

/** GeoJSON (lon/lat) → features in the map's projection. */
export function readFeatures(collection: FeatureCollection<object>): Feature<Geometry>[] {
  return format.readFeatures(collection) as Feature<Geometry>[]
}

export type RegionLayerName = 'city' | 'counties' | 'townships'

export function createRegionLayer(name: RegionLayerName, style: StyleLike | FlatStyleLike | undefined, zIndex: number) {
  const layer = new VectorLayer<VectorSource<Feature<Geometry>>>({
    source: new VectorSource<Feature<Geometry>>(),
    zIndex,
    properties: { name },
    // keep labels crisp while panning; the region layers are small
    updateWhileInteracting: true,
    // each layer declutters its own labels: township seats never hide a county's name
    declutter: name === 'city' ? false : name,
  })
  if (style) layer.setStyle(style)
  return layer
}

export function setFeatures(layer: VectorLayer<VectorSource<Feature<Geometry>>>, features: Feature<Geometry>[]) {
  const source = layer.getSource()!
  source.clear(true)
  source.addFeatures(features)
}

export function findByCode(layer: VectorLayer<VectorSource<Feature<Geometry>>>, code: string) {
  return layer
    .getSource()
    ?.getFeatures()
    .find((f) => f.get('code') === code)
}
