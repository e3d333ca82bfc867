/**
 * Tianditu (天地图) WMTS base layers in Web Mercator (the `_w` tile matrix set), only when the server
 * hands out a key (GET /api/settings/client → tiandituKey). Without a key the map has no online tiles.
 */
import TileLayer from 'ol/layer/Tile'
import LayerGroup from 'ol/layer/Group'
import XYZ from 'ol/source/XYZ'

export type BaseMapKind = 'vector' | 'imagery' | 'none'

const ATTRIBUTION = '© <a href="https://www.tianditu.gov.cn/" target="_blank" rel="noopener">天地图</a>'

/** One Tianditu layer, e.g. `vec` + `w` → https://t{0-7}.tianditu.gov.cn/vec_w/wmts?…&tk=KEY */
function tiandituLayer(layer: 'vec' | 'cva' | 'img' | 'cia', key: string) {
  const url =
    `https://t{0-7}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
    `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  return new TileLayer({
    // no crossOrigin: the tiles are only drawn, never read back, so they need no CORS headers
    source: new XYZ({ url, maxZoom: 18, attributions: ATTRIBUTION }),
    properties: { name: `tianditu-${layer}` },
  })
}

/** Base map groups (vector = vec_w + cva_w labels, imagery = img_w + cia_w labels), hidden until chosen. */
export function createTiandituBaseMaps(key: string): Record<Exclude<BaseMapKind, 'none'>, LayerGroup> {
  return {
    vector: new LayerGroup({
      layers: [tiandituLayer('vec', key), tiandituLayer('cva', key)],
      zIndex: 0,
      visible: false,
      properties: { name: 'base-vector' },
    }),
    imagery: new LayerGroup({
      layers: [tiandituLayer('img', key), tiandituLayer('cia', key)],
      zIndex: 0,
      visible: false,
      properties: { name: 'base-imagery' },
    }),
  }
}
