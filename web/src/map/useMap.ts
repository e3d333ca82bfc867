/**
 * One composable owning an OpenLayers map: creates it on mount in the given element, disposes it on unmount,
 * and offers the few view operations the pages need. Data is EPSG:4326 (lon, lat); the view is EPSG:3857.
 */
import { onBeforeUnmount, onMounted, shallowRef, type Ref } from 'vue'
import OlMap from 'ol/Map'
import View from 'ol/View'
import { defaults as defaultControls, ScaleLine, MousePosition } from 'ol/control'
import { createStringXY } from 'ol/coordinate'
import { fromLonLat } from 'ol/proj'
import type { Extent } from 'ol/extent'
import 'ol/ol.css'

export const MAP_PROJECTION = 'EPSG:3857'
/** Zigong (自贡) city centre, used until the server's settings arrive. */
export const ZIGONG_CENTER: [number, number] = [104.78, 29.34]
export const DEFAULT_ZOOM = 9.5

export interface UseMapOptions {
  center?: [number, number]
  zoom?: number
  /** padding [top, right, bottom, left] in px kept free when fitting (e.g. a side panel) */
  fitPadding?: () => [number, number, number, number]
}

export function useMap(target: Ref<HTMLElement | null | undefined>, options: UseMapOptions = {}) {
  const map = shallowRef<OlMap>()
  const view = new View({
    projection: MAP_PROJECTION,
    center: fromLonLat(options.center ?? ZIGONG_CENTER),
    zoom: options.zoom ?? DEFAULT_ZOOM,
    minZoom: 5,
    maxZoom: 18,
    constrainResolution: false,
  })
  const padding = () => options.fitPadding?.() ?? [40, 40, 40, 40]
  let resizeObserver: ResizeObserver | undefined

  onMounted(() => {
    map.value = new OlMap({
      target: target.value ?? undefined,
      view,
      controls: defaultControls({ attributionOptions: { collapsible: true } }).extend([
        new ScaleLine({ units: 'metric' }),
        new MousePosition({
          coordinateFormat: createStringXY(5),
          projection: 'EPSG:4326',
          placeholder: '',
          className: 'ol-mouse-position yj-mouse-position',
        }),
      ]),
    })
    // the layout's menu can collapse: keep the canvas in step with its element
    if (target.value && 'ResizeObserver' in window) {
      resizeObserver = new ResizeObserver(() => map.value?.updateSize())
      resizeObserver.observe(target.value)
    }
  })

  onBeforeUnmount(() => {
    resizeObserver?.disconnect()
    map.value?.setTarget(undefined)
    map.value?.dispose()
    map.value = undefined
  })

  function setCenter(lonLat: [number, number], zoom?: number) {
    view.setCenter(fromLonLat(lonLat))
    if (zoom !== undefined) view.setZoom(zoom)
  }

  function fitExtent(extent: Extent, opts: { maxZoom?: number; duration?: number } = {}) {
    if (!extent.every(Number.isFinite)) return
    view.fit(extent, { padding: padding(), maxZoom: opts.maxZoom ?? 13, duration: opts.duration ?? 400 })
  }

  function flyTo(lonLat: [number, number], zoom = 12) {
    view.animate({ center: fromLonLat(lonLat), zoom, duration: 500 })
  }

  return { map, view, setCenter, fitExtent, flyTo }
}
