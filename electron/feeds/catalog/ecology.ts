/**
 * Routine alerts of the Department of Ecology and Environment (生态环境):
 * air quality at city stations, surface water at river sections, stack
 * emissions of enterprises, straw-burning fire spots from satellites.
 *
 * Standards: PM2.5 75 µg/m³ and PM10 150 µg/m³ (24-hour, grade II,
 * GB 3095-2012); surface water class III (GB 3838-2002): ammonia nitrogen
 * 1.0, total phosphorus 0.2, COD 20, petroleum 0.05 mg/L; stack SO2 100 and
 * NOx 150 mg/m³ (GB 31571-2015).
 */
import { AIR_STATIONS, CHEMICAL_PLANTS, FARM_COUNTIES, RIVER_SECTIONS } from '../places';
import { int, pick, real } from '../random';
import { at, certaintyOf, classificationOf, near, routineSeverity, urgencyOf, type Drafter } from './common';

const WATER: readonly (readonly [pollutant: string, standard: number])[] = [
  ['氨氮', 1.0],
  ['总磷', 0.2],
  ['化学需氧量', 20],
  ['石油类', 0.05],
];

/** How many times the standard a reading is, by severity. */
function factor(severity: string, rng: () => number): number {
  if (severity === 'Minor') return real(rng, 1.05, 1.5, 2);
  if (severity === 'Moderate') return real(rng, 1.5, 3, 2);
  return real(rng, 3, 8, 2);
}

const air: Drafter = (rng) => {
  const station = pick(rng, AIR_STATIONS);
  const severity = routineSeverity(rng);
  const pm25 = severity === 'Minor' ? int(rng, 76, 115) : severity === 'Moderate' ? int(rng, 116, 150) : int(rng, 151, 250);
  const grade = pm25 > 150 ? '重度污染' : pm25 > 115 ? '中度污染' : '轻度污染';
  return {
    category: ['Env'],
    event: '空气质量超标',
    eventCode: 'ECO-AIR',
    headline: `${station.name}PM2.5小时浓度${pm25}微克/立方米，空气质量${grade}`,
    description: `PM2.5浓度${pm25}µg/m³，超过二级标准75µg/m³。主要受${pick(rng, ['燃煤供暖', '不利气象条件', '机动车尾气', '区域传输'])}影响。`,
    instruction: '儿童、老年人及心脏病、呼吸系统疾病患者减少户外活动；一般人群适量减少户外运动。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: near(rng, station, 3),
    region: station.region,
    classification: classificationOf(rng),
    attributes: { pollutant: 'PM2.5', reading: pm25, unit: 'µg/m³', standard: 75, section: station.name },
    expiresMinutes: 180,
  };
};

const water: Drafter = (rng) => {
  const section = pick(rng, RIVER_SECTIONS);
  const [pollutant, standard] = pick(rng, WATER);
  const severity = routineSeverity(rng);
  const f = factor(severity, rng);
  const reading = Math.round(standard * f * 1000) / 1000;
  return {
    category: ['Env'],
    event: '地表水水质超标',
    eventCode: 'ECO-WATER',
    headline: `${section.name}${pollutant}浓度为III类标准限值的${f}倍`,
    description: `水质自动监测站数据显示${pollutant}浓度${reading}mg/L，标准限值${standard}mg/L。已安排人员现场采样复核并排查上游排口。`,
    instruction: '沿岸取水单位加密监测频次；排查发现的超标排放单位立即停产整改。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: certaintyOf(rng),
    point: at(section),
    region: section.region,
    classification: classificationOf(rng),
    attributes: { pollutant, reading, unit: 'mg/L', standard, section: section.name, timesStandard: f },
    expiresMinutes: 720,
  };
};

const stack: Drafter = (rng) => {
  const plant = pick(rng, CHEMICAL_PLANTS);
  const [pollutant, standard] = pick(rng, [['二氧化硫', 100], ['氮氧化物', 150], ['颗粒物', 20]] as const);
  const severity = routineSeverity(rng);
  const reading = Math.round(standard * factor(severity, rng));
  return {
    category: ['Env'],
    event: '废气排放超标',
    eventCode: 'ECO-STACK',
    headline: `${plant.name}排气筒${pollutant}在线监测超标`,
    description: `污染源自动监控显示${pollutant}小时均值${reading}mg/m³，超过排放限值${standard}mg/m³，已通知企业核查治理设施运行情况。`,
    instruction: '企业立即查明原因并采取限产措施，4小时内书面报告。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: near(rng, plant, 0.3),
    region: plant.region,
    classification: classificationOf(rng),
    attributes: { pollutant, reading, unit: 'mg/m³', standard, section: `${plant.name}1号排气筒`, enterprise: plant.name },
    expiresMinutes: 360,
  };
};

const fireSpots: Drafter = (rng) => {
  const county = pick(rng, FARM_COUNTIES);
  const spots = int(rng, 1, 12);
  const severity = spots > 8 ? 'Moderate' : 'Minor';
  const p = near(rng, county, 12);
  const satellite = pick(rng, ['风云三号D星', 'NOAA-20', 'Suomi NPP']);
  return {
    category: ['Env', 'Fire'],
    event: '秸秆焚烧火点',
    eventCode: 'ECO-FIRE',
    headline: `${satellite}监测到${county.name}${spots}处疑似秸秆焚烧火点`,
    description: `卫星遥感监测发现疑似秸秆焚烧火点${spots}处，已推送属地乡镇网格员核查，核实后依法处理。`,
    instruction: '严禁露天焚烧秸秆；属地政府落实网格化监管，发现火点及时扑灭。',
    severity,
    urgency: 'Expected',
    certainty: 'Likely',
    point: p,
    area: { desc: `${county.name}农田区域`, circles: [{ center: [p.lon, p.lat], radiusKm: 5 }] },
    region: county.region,
    classification: classificationOf(rng),
    attributes: { pollutant: '火点', reading: spots, unit: '处', fireSpots: spots, satellite },
    expiresMinutes: 360,
  };
};

/** Drafters of routine ecology alerts, with weights. */
export const ECOLOGY_DRAFTERS: readonly (readonly [Drafter, number])[] = [
  [air, 40],
  [water, 30],
  [stack, 20],
  [fireSpots, 10],
];
