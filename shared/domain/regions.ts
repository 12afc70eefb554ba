/**
 * Prefecture-level divisions of Heilongjiang with their GB/T 2260 codes.
 * `center` is the seat of government (WGS84, [lon, lat]); used to place
 * scenario alerts and to label regions, not as a boundary.
 */
export interface Prefecture {
  code: string;
  name: { zh: string; en: string };
  center: readonly [lon: number, lat: number];
}

export const PROVINCE_CODE = '230000';

export const PREFECTURES: readonly Prefecture[] = [
  { code: '230100', name: { zh: '哈尔滨', en: 'Harbin' }, center: [126.535, 45.803] },
  { code: '230200', name: { zh: '齐齐哈尔', en: 'Qiqihar' }, center: [123.918, 47.354] },
  { code: '230300', name: { zh: '鸡西', en: 'Jixi' }, center: [130.969, 45.295] },
  { code: '230400', name: { zh: '鹤岗', en: 'Hegang' }, center: [130.298, 47.35] },
  { code: '230500', name: { zh: '双鸭山', en: 'Shuangyashan' }, center: [131.159, 46.646] },
  { code: '230600', name: { zh: '大庆', en: 'Daqing' }, center: [125.104, 46.589] },
  { code: '230700', name: { zh: '伊春', en: 'Yichun' }, center: [128.841, 47.728] },
  { code: '230800', name: { zh: '佳木斯', en: 'Jiamusi' }, center: [130.319, 46.8] },
  { code: '230900', name: { zh: '七台河', en: 'Qitaihe' }, center: [131.003, 45.771] },
  { code: '231000', name: { zh: '牡丹江', en: 'Mudanjiang' }, center: [129.633, 44.552] },
  { code: '231100', name: { zh: '黑河', en: 'Heihe' }, center: [127.529, 50.245] },
  { code: '231200', name: { zh: '绥化', en: 'Suihua' }, center: [126.969, 46.653] },
  { code: '232700', name: { zh: '大兴安岭', en: 'Da Hinggan Ling' }, center: [124.117, 50.411] },
];

export const PREFECTURE_BY_CODE: ReadonlyMap<string, Prefecture> = new Map(PREFECTURES.map((p) => [p.code, p]));

/** True for the province code or one of its prefectures (or a county below one: same first four digits). */
export function isHeilongjiangRegion(code: string): boolean {
  if (code === PROVINCE_CODE) return true;
  return /^23\d{4}$/.test(code) && PREFECTURE_BY_CODE.has(code.slice(0, 4) + '00');
}

/** The prefecture a region code lies in, or undefined for the province itself or a foreign code. */
export function prefectureOf(code: string): Prefecture | undefined {
  return PREFECTURE_BY_CODE.get(code.slice(0, 4) + '00');
}
