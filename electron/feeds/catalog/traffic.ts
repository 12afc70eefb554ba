/**
 * Routine alerts of the Department of Transport (交通运输厅): expressway
 * accidents, ice and snow, fog, road works, controls and congestion, written
 * the way the provincial road information service words them.
 */
import type { AlertDraft } from '../alertBody';
import { ROADS, roadPoint, type RoadPoint } from '../places';
import { int, pick, real, type Rng } from '../random';
import { certaintyOf, classificationOf, routineSeverity, urgencyOf, type Drafter } from './common';

/** The fields a traffic drafter writes; the road, the place and the usual mix are added by {@link onRoad}. */
type RoadFields = Omit<AlertDraft, 'point' | 'region' | 'classification' | 'certainty'> & { certainty?: AlertDraft['certainty'] };

/**
 * A draft at a road point. Built field by field: `{...base, key}` that
 * overrides a spread key drops V8 into a slow path (about 20 µs an alert).
 */
function onRoad(rng: Rng, p: RoadPoint, direction: string, f: RoadFields): AlertDraft {
  return {
    category: f.category,
    event: f.event,
    eventCode: f.eventCode,
    headline: f.headline,
    description: f.description,
    instruction: f.instruction,
    severity: f.severity,
    urgency: f.urgency,
    certainty: f.certainty ?? certaintyOf(rng),
    point: { lon: Math.round(p.lon * 1e5) / 1e5, lat: Math.round(p.lat * 1e5) / 1e5 },
    region: p.region,
    classification: classificationOf(rng),
    attributes: { road: p.road.code, roadName: p.road.name, direction, stake: p.stake, ...f.attributes },
    expiresMinutes: f.expiresMinutes,
  };
}

function where(p: RoadPoint, direction: string): string {
  return `${p.road.code}${p.road.name}${p.stake}处（${direction}）`;
}

const accident: Drafter = (rng) => {
  const p = roadPoint(pick(rng, ROADS), rng());
  const direction = pick(rng, p.road.directions);
  const severity = routineSeverity(rng);
  const lanes = severity === 'Minor' ? 1 : int(rng, 1, 2);
  const kind = pick(rng, ['两车追尾', '三车追尾', '单车侧翻', '货车与小型客车刮擦', '车辆撞击护栏']);
  const hurt = severity === 'Severe' ? `${int(rng, 2, 5)}人受伤送医` : '无人员伤亡';
  const queue = real(rng, 0.5, severity === 'Minor' ? 2 : 6);
  return onRoad(rng, p, direction, {
    category: ['Transport'],
    event: '交通事故',
    eventCode: 'TRF-ACC',
    headline: `${where(p, direction)}发生${kind}事故`,
    description: `${kind}事故造成${lanes}条车道封闭，${hurt}。交警、路政、清障人员已到场处置，现场车辆排队约${queue}公里。`,
    instruction: '途经车辆请减速慢行，注意避让现场作业人员，服从交警指挥；可提前绕行。',
    severity,
    urgency: urgencyOf(severity, rng),
    attributes: { lanesClosed: lanes, queueKm: queue },
    expiresMinutes: 120,
  });
};

const ice: Drafter = (rng) => {
  const road = pick(rng, ROADS);
  const t = rng();
  const p = roadPoint(road, t);
  const end = roadPoint(road, Math.min(1, t + 0.02 + rng() * 0.04));
  const direction = pick(rng, road.directions);
  const severity = routineSeverity(rng);
  const limit = severity === 'Minor' ? 80 : 60;
  return onRoad(rng, p, direction, {
    category: ['Transport', 'Met'],
    event: '路面结冰',
    eventCode: 'TRF-ICE',
    headline: `${road.code}${road.name}${p.stake}至${end.stake}段（${direction}）路面结冰`,
    description: `受降雪降温影响，该路段路面出现暗冰和积雪，养护单位已启动除雪保通预案，正在撒布融雪剂作业，临时限速${limit}公里/小时。`,
    instruction: '请降低车速、加大车距，勿急刹车、急转向；冬季出行请使用防滑链或雪地轮胎。',
    severity,
    urgency: urgencyOf(severity, rng),
    attributes: { stakeEnd: end.stake, lanesClosed: 0, speedLimitKmh: limit },
    expiresMinutes: 360,
  });
};

const fog: Drafter = (rng) => {
  const p = roadPoint(pick(rng, ROADS), rng());
  const direction = pick(rng, p.road.directions);
  const severity = routineSeverity(rng);
  const visibility = severity === 'Minor' ? int(rng, 150, 300) : int(rng, 30, 100);
  const limit = visibility < 100 ? 40 : 60;
  return onRoad(rng, p, direction, {
    category: ['Transport', 'Met'],
    event: '团雾低能见度',
    eventCode: 'TRF-FOG',
    headline: `${where(p, direction)}出现团雾，能见度不足${visibility}米`,
    description: `该路段局部出现团雾，能见度${visibility}米左右，已实施限速${limit}公里/小时${visibility < 50 ? '并间断放行' : ''}。`,
    instruction: '请开启雾灯、示廓灯和危险报警闪光灯，保持安全车距，严禁在应急车道停车。',
    severity,
    urgency: 'Immediate',
    attributes: { lanesClosed: 0, visibilityM: visibility, speedLimitKmh: limit },
    expiresMinutes: 180,
  });
};

const works: Drafter = (rng) => {
  const p = roadPoint(pick(rng, ROADS), rng());
  const direction = pick(rng, p.road.directions);
  const job = pick(rng, ['桥梁伸缩缝维修', '路面病害处治', '护栏更换', '标线施划', '隧道机电检修']);
  return onRoad(rng, p, direction, {
    category: ['Transport'],
    event: '施工占道',
    eventCode: 'TRF-WORK',
    headline: `${where(p, direction)}${job}施工，占用1条车道`,
    description: `因${job}作业，该处占用1条车道通行，施工时间为每日8时至17时，现场设置警示标志和锥桶。`,
    instruction: '请提前减速、按标志引导变道通行。',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    attributes: { lanesClosed: 1 },
    expiresMinutes: 600,
  });
};

const control: Drafter = (rng) => {
  const p = roadPoint(pick(rng, ROADS), rng());
  const direction = pick(rng, p.road.directions);
  const severity = routineSeverity(rng);
  const reason = pick(rng, ['降雪', '事故处置', '危险货物运输车辆故障', '大风']);
  return onRoad(rng, p, direction, {
    category: ['Transport'],
    event: '交通管制',
    eventCode: 'TRF-CTRL',
    headline: `${where(p, direction)}因${reason}实施临时交通管制`,
    description: `因${reason}，${p.road.name}${p.stake}附近${direction}实施临时交通管制，${severity === 'Minor' ? '小型客车限速通行' : '禁止客运车辆、危险货物运输车辆驶入'}，恢复时间另行通知。`,
    instruction: '请关注“黑龙江交通”发布的路况信息，合理安排出行，提前选择绕行路线。',
    severity,
    urgency: urgencyOf(severity, rng),
    attributes: { lanesClosed: severity === 'Minor' ? 0 : 2, reason },
    expiresMinutes: 240,
  });
};

const congestion: Drafter = (rng) => {
  const p = roadPoint(pick(rng, ROADS), rng());
  const direction = pick(rng, p.road.directions);
  const queue = real(rng, 1, 5);
  return onRoad(rng, p, direction, {
    category: ['Transport'],
    event: '拥堵缓行',
    eventCode: 'TRF-JAM',
    headline: `${where(p, direction)}车多缓行约${queue}公里`,
    description: `该处车流量较大，行驶缓慢，排队长度约${queue}公里，预计通行时间增加${int(rng, 10, 40)}分钟。`,
    severity: 'Minor',
    urgency: 'Expected',
    attributes: { lanesClosed: 0, queueKm: queue },
    expiresMinutes: 60,
  });
};

/** Drafters of routine traffic alerts, with weights (how often each occurs). */
export const TRAFFIC_DRAFTERS: readonly (readonly [Drafter, number])[] = [
  [accident, 30],
  [ice, 20],
  [fog, 10],
  [works, 15],
  [control, 10],
  [congestion, 15],
];
