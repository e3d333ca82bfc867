/**
 * The background of the small maps (the form's point picker, the command screen): county outlines and, when a key
 * is configured, the Tianditu vector base map.
 */
import type OlMap from 'ol/Map'
import VectorLayer from 'ol/layer/Vector'
import VectorSource from 'ol/source/Vector'
import GeoJSON from 'ol/format/GeoJSON'
import { Fill, Stroke, Style } from 'ol/style'
import { cachedSettings, countyOutlines } from './context'
import { createTiandituBaseMaps } from './layers/tianditu'

/** Adds the layers once loaded; resolves to the outline source (null when the outlines could not be loaded). */
export async function addSmallMapBackground(map: () => OlMap | undefined): Promise<VectorSource | null> {
  void cachedSettings().then((settings) => {
    const target = map()
    if (!settings?.tiandituKey || !target) return
    const groups = createTiandituBaseMaps(settings.tiandituKey)
    groups.vector.setVisible(true)
    target.addLayer(groups.vector)
  })
  const collection = await countyOutlines()
  const target = map()
  if (!collection || !target) return null
  const features = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' }).readFeatures(collection)
  const source = new VectorSource({ features })
  target.addLayer(
    new VectorLayer({
      source,
      zIndex: 5,
      style: new Style({ stroke: new Stroke({ color: '#6b7785', width: 1 }), fill: new Fill({ color: 'rgba(198,214,242,0.25)' }) }),
    }),
  )
  return source
}
