// A simplified outline of the Inner Mongolia Autonomous Region (about fifty points along its borders,
// lon/lat WGS-84), drawn under case locations without a tile server. It is a sketch for orientation,
// not a survey map; the cities are placed at their seats.
export const innerMongoliaOutline: [number, number][] = [
  [97.2, 42.8], [99.5, 42.6], [101.8, 42.5], [103.4, 41.9], [104.5, 41.7], [106.8, 42.3], [109.2, 42.5], [110.4, 42.8],
  [111.9, 43.7], [113.6, 44.8], [114.5, 45.4], [116.0, 45.7], [117.4, 46.6], [119.0, 46.7], [119.9, 46.8], [118.7, 47.6],
  [117.8, 48.0], [116.0, 47.8], [115.6, 47.9], [117.3, 49.6], [119.2, 50.2], [120.1, 51.6], [121.4, 52.6], [123.4, 53.5],
  [124.5, 53.0], [125.3, 52.1], [126.0, 51.3], [125.6, 50.3], [124.8, 49.6], [124.3, 48.5], [123.6, 48.0], [122.5, 47.6],
  [122.6, 46.9], [122.2, 46.3], [122.9, 45.4], [123.6, 44.8], [123.0, 44.0], [122.5, 43.4], [121.6, 43.2], [120.7, 42.5],
  [119.8, 42.2], [119.2, 41.5], [118.3, 42.0], [117.4, 42.4], [116.4, 42.1], [115.4, 41.4], [114.2, 41.0], [113.9, 40.4],
  [112.5, 40.2], [111.2, 39.6], [110.6, 38.9], [110.0, 38.3], [108.6, 37.8], [107.4, 37.9], [106.6, 38.2], [106.8, 39.3],
  [106.1, 39.0], [105.4, 38.1], [104.9, 37.4], [104.3, 38.3], [103.3, 39.3], [101.8, 39.6], [100.8, 39.4], [99.6, 39.6],
  [98.5, 40.9], [97.2, 42.0], [97.2, 42.8],
];

export const innerMongoliaCities: { name: string; lng: number; lat: number }[] = [
  { name: '呼和浩特', lng: 111.75, lat: 40.84 },
  { name: '包头', lng: 109.84, lat: 40.66 },
  { name: '乌海', lng: 106.79, lat: 39.66 },
  { name: '赤峰', lng: 118.89, lat: 42.26 },
  { name: '通辽', lng: 122.24, lat: 43.65 },
  { name: '鄂尔多斯', lng: 109.78, lat: 39.61 },
  { name: '呼伦贝尔', lng: 119.77, lat: 49.21 },
  { name: '巴彦淖尔', lng: 107.39, lat: 40.74 },
  { name: '乌兰察布', lng: 113.13, lat: 40.99 },
  { name: '兴安盟', lng: 122.04, lat: 46.08 },
  { name: '锡林郭勒', lng: 116.05, lat: 43.93 },
  { name: '阿拉善', lng: 105.73, lat: 38.85 },
];

/** the outline as GeoJSON, for echarts.registerMap */
export function innerMongoliaGeoJson() {
  return {
    type: 'FeatureCollection' as const,
    features: [{ type: 'Feature' as const, properties: { name: '内蒙古自治区' }, geometry: { type: 'Polygon' as const, coordinates: [innerMongoliaOutline] } }],
  };
}
