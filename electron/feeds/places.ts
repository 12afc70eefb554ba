/**
 * Where the demo agencies' alerts happen: real expressways, rivers, districts
 * and venues of Heilongjiang (coordinates WGS 84, [lon, lat], checked against
 * `resources/basemap/`), with enterprises that are plausible but invented so
 * no real company is named in a made-up accident. Region codes are GB/T 2260
 * prefecture codes (`shared/domain/regions.ts`).
 *
 * Expressway waypoints carry the stake (km) at that point; stakes between
 * them are interpolated, which is close enough for a demo map.
 */
import { PREFECTURES, type Prefecture } from '@shared/domain/regions';

/** How a prefecture's seat is called in text: `哈尔滨市`, but `大兴安岭地区` (a prefecture that is not a city). */
export function cityName(p: Prefecture): string {
  return p.code === '232700' ? '大兴安岭地区' : `${p.name.zh}市`;
}

/** A named point with its prefecture. */
export interface Site {
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** GB/T 2260 prefecture code. */
  readonly region: string;
}

/** An expressway: code, Chinese name, the two direction names, and waypoints `[lon, lat, km, region]`. */
export interface Road {
  readonly code: string;
  readonly name: string;
  readonly directions: readonly [string, string];
  readonly waypoints: readonly (readonly [lon: number, lat: number, km: number, region: string])[];
}

/** Expressways through Heilongjiang's prefectures (G12 Hunchun–Ulanhot stays in Jilin, so it is not here). */
export const ROADS: readonly Road[] = [
  {
    code: 'G10', name: '绥满高速', directions: ['满洲里方向', '绥芬河方向'],
    waypoints: [
      [131.15, 44.4, 0, '231000'], [130.52, 44.92, 70, '231000'], [129.65, 44.6, 150, '231000'], [129.38, 44.58, 170, '231000'],
      [128.95, 44.85, 215, '231000'], [128.5, 44.95, 265, '230100'], [128.0, 45.21, 320, '230100'], [127.4, 45.45, 385, '230100'],
      [126.95, 45.55, 425, '230100'], [126.62, 45.7, 455, '230100'], [126.45, 45.8, 472, '230100'], [125.96, 46.05, 520, '231200'],
      [125.3, 46.42, 590, '231200'], [125.1, 46.55, 610, '230600'], [124.55, 46.95, 672, '230600'], [123.95, 47.28, 740, '230200'],
      [123.62, 47.22, 765, '230200'], [122.89, 47.51, 830, '230200'],
    ],
  },
  {
    code: 'G1', name: '京哈高速', directions: ['哈尔滨方向', '北京方向'],
    waypoints: [[126.05, 45.12, 1148, '230100'], [126.3, 45.38, 1178, '230100'], [126.5, 45.58, 1200, '230100'], [126.62, 45.68, 1209, '230100']],
  },
  {
    code: 'G11', name: '鹤大高速', directions: ['大连方向', '鹤岗方向'],
    waypoints: [
      [130.28, 47.3, 0, '230400'], [130.35, 46.85, 55, '230800'], [130.55, 46.24, 130, '230800'], [130.95, 45.78, 195, '230900'],
      [130.97, 45.32, 250, '230300'], [130.27, 45.28, 310, '231000'], [129.65, 44.62, 410, '231000'], [129.47, 44.34, 445, '231000'],
      [128.9, 43.95, 510, '231000'],
    ],
  },
  {
    code: 'G1011', name: '哈同高速', directions: ['同江方向', '哈尔滨方向'],
    waypoints: [
      [126.72, 45.8, 0, '230100'], [127.46, 45.76, 60, '230100'], [128.82, 45.84, 190, '230100'], [129.56, 46.3, 270, '230100'],
      [130.32, 46.78, 355, '230800'], [130.72, 47.02, 395, '230800'], [132.03, 47.25, 505, '230800'], [132.51, 47.64, 565, '230800'],
    ],
  },
  {
    code: 'G1111', name: '鹤哈高速', directions: ['哈尔滨方向', '鹤岗方向'],
    waypoints: [
      [130.28, 47.33, 0, '230400'], [129.7, 47.55, 70, '230700'], [128.88, 47.72, 150, '230700'], [128.05, 46.98, 260, '230700'],
      [127.5, 46.88, 310, '231200'], [126.98, 46.63, 365, '231200'], [126.6, 45.9, 460, '230100'],
    ],
  },
  {
    code: 'G45', name: '大广高速', directions: ['广州方向', '大庆方向'],
    waypoints: [[125.1, 46.55, 0, '230600'], [125.27, 45.71, 95, '230600'], [125.08, 45.52, 120, '230600'], [124.95, 45.4, 135, '230600']],
  },
];

/** A place on a road, from a fraction 0..1 of its length. */
export interface RoadPoint {
  readonly road: Road;
  readonly lon: number;
  readonly lat: number;
  readonly region: string;
  /** Stake in the agencies' notation, e.g. `K1203+500`. */
  readonly stake: string;
}

/** Interpolates a point `t` (0..1) of the way along a road's waypoints. */
export function roadPoint(road: Road, t: number): RoadPoint {
  const w = road.waypoints;
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const km = first[2] + Math.min(Math.max(t, 0), 1) * (last[2] - first[2]);
  let i = 0;
  while (i < w.length - 2 && w[i + 1]![2] < km) i++;
  const a = w[i]!;
  const b = w[i + 1] ?? a;
  const f = b[2] === a[2] ? 0 : (km - a[2]) / (b[2] - a[2]);
  const metres = Math.round(km * 10) * 100; // stakes are written to 100 m
  return {
    road,
    lon: a[0] + f * (b[0] - a[0]),
    lat: a[1] + f * (b[1] - a[1]),
    region: f < 0.5 ? a[3] : b[3],
    stake: `K${Math.floor(metres / 1000)}+${String(metres % 1000).padStart(3, '0')}`,
  };
}

/** Monitoring sections on the Songhua, Nen and other rivers (地表水监测断面). */
export const RIVER_SECTIONS: readonly Site[] = [
  { name: '松花江哈尔滨朱顺屯断面', lon: 126.46, lat: 45.72, region: '230100' },
  { name: '松花江哈尔滨公路大桥断面', lon: 126.6, lat: 45.785, region: '230100' },
  { name: '松花江呼兰河口内断面', lon: 126.66, lat: 45.86, region: '230100' },
  { name: '松花江阿什河口下断面', lon: 126.74, lat: 45.9, region: '230100' },
  { name: '松花江大顶子山断面', lon: 127.05, lat: 46.0, region: '230100' },
  { name: '松花江依兰断面', lon: 129.55, lat: 46.33, region: '230100' },
  { name: '松花江佳木斯上断面', lon: 130.22, lat: 46.83, region: '230800' },
  { name: '松花江佳木斯下断面', lon: 130.48, lat: 46.89, region: '230800' },
  { name: '松花江同江断面', lon: 132.52, lat: 47.65, region: '230800' },
  { name: '嫩江齐齐哈尔浏园断面', lon: 123.89, lat: 47.37, region: '230200' },
  { name: '嫩江拉哈断面', lon: 124.28, lat: 48.26, region: '230200' },
  { name: '嫩江江桥断面', lon: 123.7, lat: 46.75, region: '230200' },
  { name: '牡丹江柴河大桥断面', lon: 129.68, lat: 44.76, region: '231000' },
  { name: '穆棱河鸡西下游断面', lon: 131.05, lat: 45.32, region: '230300' },
  { name: '倭肯河七台河断面', lon: 130.98, lat: 45.79, region: '230900' },
  { name: '安邦河双鸭山断面', lon: 131.17, lat: 46.66, region: '230500' },
  { name: '呼兰河兰西断面', lon: 126.3, lat: 46.25, region: '231200' },
];

/** Coal mines of the eastern coal cities (invented names, real districts). */
export const COAL_MINES: readonly Site[] = [
  { name: '七台河市桃山区鑫达煤矿', lon: 131.01, lat: 45.74, region: '230900' },
  { name: '七台河市新兴区宏盛煤矿', lon: 130.9, lat: 45.83, region: '230900' },
  { name: '七台河市茄子河区东升煤矿', lon: 131.1, lat: 45.8, region: '230900' },
  { name: '七台河市勃利县兴隆煤矿', lon: 130.6, lat: 45.72, region: '230900' },
  { name: '鸡西市城子河区恒泰煤矿', lon: 131.02, lat: 45.35, region: '230300' },
  { name: '鸡西市滴道区福源煤矿', lon: 130.82, lat: 45.36, region: '230300' },
  { name: '鸡西市恒山区金峰煤矿', lon: 130.9, lat: 45.19, region: '230300' },
  { name: '鸡西市梨树区永安煤矿', lon: 130.69, lat: 45.09, region: '230300' },
  { name: '鹤岗市兴安区兴旺煤矿', lon: 130.23, lat: 47.25, region: '230400' },
  { name: '鹤岗市东山区鹏程煤矿', lon: 130.33, lat: 47.34, region: '230400' },
  { name: '双鸭山市岭东区长胜煤矿', lon: 131.14, lat: 46.55, region: '230500' },
  { name: '双鸭山市宝山区鸿运煤矿', lon: 131.4, lat: 46.57, region: '230500' },
  { name: '双鸭山市四方台区泰丰煤矿', lon: 131.33, lat: 46.6, region: '230500' },
];

/** Chemical plants of Harbin, Daqing and other cities (invented names, real districts). */
export const CHEMICAL_PLANTS: readonly Site[] = [
  { name: '哈尔滨滨东精细化工有限公司', lon: 126.68, lat: 45.78, region: '230100' },
  { name: '哈尔滨龙平石化助剂有限公司', lon: 126.64, lat: 45.6, region: '230100' },
  { name: '哈尔滨呼兰利民化工有限公司', lon: 126.6, lat: 45.9, region: '230100' },
  { name: '大庆龙凤新材料化工有限公司', lon: 125.13, lat: 46.53, region: '230600' },
  { name: '大庆红岗石化储运有限公司', lon: 124.89, lat: 46.4, region: '230600' },
  { name: '大庆高新区华瑞化学有限公司', lon: 125.15, lat: 46.6, region: '230600' },
  { name: '齐齐哈尔富拉尔基北方精细化工有限公司', lon: 123.63, lat: 47.2, region: '230200' },
  { name: '佳木斯东方化肥有限公司', lon: 130.36, lat: 46.78, region: '230800' },
  { name: '牡丹江宏达化工有限公司', lon: 129.6, lat: 44.6, region: '231000' },
];

/** Forestry bureaus and farms (林业局、林场) with fire risk in the Da Hinggan Ling and Yichun. */
export const FOREST_SITES: readonly Site[] = [
  { name: '大兴安岭图强林业局第二林场', lon: 122.77, lat: 52.9, region: '232700' },
  { name: '大兴安岭阿木尔林业局第五林场', lon: 123.15, lat: 52.86, region: '232700' },
  { name: '大兴安岭塔河林业局盘古林场', lon: 123.82, lat: 52.72, region: '232700' },
  { name: '大兴安岭塔河林业局瓦拉干林场', lon: 124.57, lat: 52.58, region: '232700' },
  { name: '大兴安岭新林林业局翠岗林场', lon: 124.33, lat: 51.7, region: '232700' },
  { name: '大兴安岭韩家园林业局第三林场', lon: 125.73, lat: 52.06, region: '232700' },
  { name: '伊春带岭林业实验局大青川林场', lon: 129.02, lat: 47.02, region: '230700' },
  { name: '伊春乌马河林场', lon: 128.79, lat: 47.72, region: '230700' },
  { name: '黑河逊克林场', lon: 128.47, lat: 49.56, region: '231100' },
];

/** Supermarkets and markets (invented names, real districts). */
export const MARKETS: readonly Site[] = [
  { name: '冰城优选超市（中央大街店）', lon: 126.617, lat: 45.773, region: '230100' },
  { name: '龙江惠民超市（学府路店）', lon: 126.64, lat: 45.745, region: '230100' },
  { name: '老道外农贸市场', lon: 126.645, lat: 45.785, region: '230100' },
  { name: '香坊农产品批发市场', lon: 126.67, lat: 45.71, region: '230100' },
  { name: '松北惠万家超市', lon: 126.55, lat: 45.81, region: '230100' },
  { name: '齐齐哈尔鹤城农贸市场', lon: 123.95, lat: 47.34, region: '230200' },
  { name: '大庆萨尔图农副产品市场', lon: 125.1, lat: 46.59, region: '230600' },
  { name: '佳木斯向阳农贸市场', lon: 130.36, lat: 46.8, region: '230800' },
  { name: '牡丹江东安便民市场', lon: 129.62, lat: 44.58, region: '231000' },
  { name: '鸡西鸡冠区综合市场', lon: 130.97, lat: 45.3, region: '230300' },
  { name: '绥化北林区农贸市场', lon: 126.98, lat: 46.64, region: '231200' },
  { name: '黑河口岸边贸商城', lon: 127.5, lat: 50.25, region: '231100' },
  ...PREFECTURES.filter((p) => !['230100', '230200', '230600', '230800', '231000', '230300', '231200', '231100'].includes(p.code)).map(
    (p): Site => ({ name: `${cityName(p)}综合农贸市场`, lon: p.center[0], lat: p.center[1], region: p.code }),
  ),
];

/** Public venues with crowds: stations, ports of entry, squares, scenic areas. */
export const VENUES: readonly Site[] = [
  { name: '哈尔滨站', lon: 126.632, lat: 45.761, region: '230100' },
  { name: '哈尔滨西站', lon: 126.58, lat: 45.705, region: '230100' },
  { name: '哈尔滨太平国际机场', lon: 126.25, lat: 45.62, region: '230100' },
  { name: '中央大街步行街', lon: 126.617, lat: 45.773, region: '230100' },
  { name: '哈尔滨冰雪大世界', lon: 126.56, lat: 45.78, region: '230100' },
  { name: '索菲亚教堂广场', lon: 126.627, lat: 45.771, region: '230100' },
  { name: '齐齐哈尔南站', lon: 123.93, lat: 47.28, region: '230200' },
  { name: '大庆西站', lon: 124.97, lat: 46.57, region: '230600' },
  { name: '牡丹江站', lon: 129.6, lat: 44.59, region: '231000' },
  { name: '佳木斯站', lon: 130.36, lat: 46.81, region: '230800' },
  { name: '黑河口岸', lon: 127.53, lat: 50.24, region: '231100' },
  { name: '绥芬河口岸', lon: 131.16, lat: 44.4, region: '231000' },
  { name: '漠河北极村景区', lon: 122.35, lat: 53.48, region: '232700' },
  { name: '五大连池风景区', lon: 126.16, lat: 48.7, region: '231100' },
];

/** Grain-farming county seats (places.geojson) where straw is burned after the autumn harvest. */
export const FARM_COUNTIES: readonly Site[] = [
  { name: '绥化市北林区', lon: 126.98, lat: 46.64, region: '231200' },
  { name: '海伦市', lon: 126.92, lat: 47.45, region: '231200' },
  { name: '望奎县', lon: 126.48, lat: 46.83, region: '231200' },
  { name: '兰西县', lon: 126.28, lat: 46.26, region: '231200' },
  { name: '青冈县', lon: 126.09, lat: 46.7, region: '231200' },
  { name: '拜泉县', lon: 126.08, lat: 47.61, region: '230200' },
  { name: '克山县', lon: 125.87, lat: 48.03, region: '230200' },
  { name: '讷河市', lon: 124.87, lat: 48.48, region: '230200' },
  { name: '依安县', lon: 125.3, lat: 47.89, region: '230200' },
  { name: '富裕县', lon: 124.46, lat: 47.79, region: '230200' },
  { name: '巴彦县', lon: 127.39, lat: 46.08, region: '230100' },
  { name: '林甸县', lon: 124.86, lat: 47.17, region: '230600' },
  { name: '肇州县', lon: 125.27, lat: 45.71, region: '230600' },
  { name: '桦川县', lon: 130.71, lat: 47.02, region: '230800' },
  { name: '富锦市', lon: 132.03, lat: 47.25, region: '230800' },
  { name: '北安市', lon: 126.6, lat: 48.27, region: '231100' },
];

/** Air-quality monitoring stations: one per prefecture seat. */
export const AIR_STATIONS: readonly Site[] = PREFECTURES.map((p) => ({
  name: `${cityName(p)}城区空气自动监测站`,
  lon: p.center[0],
  lat: p.center[1],
  region: p.code,
}));
