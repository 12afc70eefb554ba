/**
 * Routine alerts of the Public Security Department (公安应急): crowds at
 * stations and venues, large events, missing persons, ice rescue, patrol
 * deployment and port-of-entry peaks. Deployment and personal details are
 * `sensitive`: the hub shows them only to users cleared for them.
 */
import { RIVER_SECTIONS, VENUES } from '../places';
import { int, pick } from '../random';
import { at, certaintyOf, classificationOf, near, routineSeverity, urgencyOf, type Drafter } from './common';

const crowd: Drafter = (rng) => {
  const venue = pick(rng, VENUES);
  const severity = routineSeverity(rng);
  const size = severity === 'Minor' ? int(rng, 200, 800) : severity === 'Moderate' ? int(rng, 800, 3000) : int(rng, 3000, 8000);
  const units = Math.ceil(size / 400);
  return {
    category: ['Security'],
    event: '人员聚集',
    eventCode: 'SEC-CROWD',
    headline: `${venue.name}人员聚集，现场约${size}人`,
    description: `视频巡查发现${venue.name}人员密度较高，已调派${units}个巡逻组到场疏导，实施单向通行${severity === 'Minor' ? '' : '和限流'}。`,
    instruction: '请听从现场民警指挥，有序通行，不要拥挤推搡。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: near(rng, venue, 0.3),
    region: venue.region,
    classification: classificationOf(rng, 0.05),
    attributes: { venue: venue.name, crowdSize: size, policeUnits: units },
    expiresMinutes: 120,
  };
};

const event: Drafter = (rng) => {
  const venue = pick(rng, VENUES);
  const what = pick(rng, ['冰雪文化活动', '大型演唱会', '马拉松比赛', '灯会', '商贸洽谈会']);
  const expected = int(rng, 5, 60) * 1000;
  return {
    category: ['Security'],
    event: '大型活动安保',
    eventCode: 'SEC-EVENT',
    headline: `${venue.name}周边举办${what}，预计客流${expected}人次`,
    description: `公安机关已制定安保方案，活动期间周边道路实行交通管制，设置安检口${int(rng, 4, 16)}处。`,
    instruction: '请市民游客错峰出行，乘坐公共交通，配合安检。',
    severity: 'Minor',
    urgency: 'Future',
    certainty: 'Likely',
    point: at(venue),
    region: venue.region,
    classification: rng() < 0.5 ? 'public' : 'internal',
    attributes: { venue: venue.name, crowdSize: expected, policeUnits: Math.ceil(expected / 2000) },
    expiresMinutes: 720,
  };
};

const missing: Drafter = (rng) => {
  const venue = pick(rng, VENUES);
  const age = pick(rng, [int(rng, 4, 9), int(rng, 68, 86)]);
  return {
    category: ['Rescue'],
    event: '走失人员查找',
    eventCode: 'SEC-MISSING',
    headline: `${venue.name}附近一名${age}岁${age < 18 ? '儿童' : '老人'}走失`,
    description: `家属报警称走失人员身穿${pick(rng, ['深色棉服', '红色羽绒服', '蓝色外套'])}，已调取周边视频并通报辖区派出所协查。`,
    instruction: '辖区警力按协查通报开展查找，发现线索立即报告指挥中心。',
    severity: 'Minor',
    urgency: 'Immediate',
    certainty: 'Observed',
    point: near(rng, venue, 1),
    region: venue.region,
    classification: 'sensitive',
    attributes: { venue: venue.name, crowdSize: 0, policeUnits: int(rng, 2, 6), age },
    expiresMinutes: 360,
  };
};

const iceRescue: Drafter = (rng) => {
  const section = pick(rng, RIVER_SECTIONS);
  const severity = routineSeverity(rng);
  const people = severity === 'Minor' ? 1 : int(rng, 1, 3);
  const river = /^.+?[江河]/.exec(section.name)?.[0] ?? section.name;
  return {
    category: ['Rescue'],
    event: '冰面落水救援',
    eventCode: 'SEC-ICE',
    headline: `${section.name}附近${people}人冰面落水`,
    description: `110接报有人在${river}冰面行走时落水，消防救援、公安、水上救援力量已赶赴现场。`,
    instruction: '严禁在未开放的冰面上行走、滑冰、垂钓；发现险情立即拨打110、119。',
    severity,
    urgency: 'Immediate',
    certainty: 'Observed',
    point: near(rng, section, 1),
    region: section.region,
    classification: classificationOf(rng),
    attributes: { venue: `${river}冰面`, crowdSize: people, policeUnits: int(rng, 2, 5) },
    expiresMinutes: 120,
  };
};

const patrol: Drafter = (rng) => {
  const venue = pick(rng, VENUES);
  const units = int(rng, 4, 20);
  return {
    category: ['Security'],
    event: '警力部署',
    eventCode: 'SEC-PATROL',
    headline: `${venue.name}区域启动二级巡逻防控，部署警力${units}组`,
    description: '根据治安形势研判，对重点区域加密巡逻频次，特警、巡警联勤联动。',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    point: near(rng, venue, 0.5),
    region: venue.region,
    classification: 'sensitive',
    attributes: { venue: venue.name, crowdSize: 0, policeUnits: units },
    expiresMinutes: 480,
  };
};

const PORTS_AND_STATIONS = VENUES.filter((v) => v.name.endsWith('口岸') || v.name.endsWith('站'));

const port: Drafter = (rng) => {
  const venue = pick(rng, PORTS_AND_STATIONS);
  const size = int(rng, 800, 4000);
  const severity = routineSeverity(rng);
  return {
    category: ['Security', 'Transport'],
    event: '客流高峰',
    eventCode: 'SEC-PEAK',
    headline: `${venue.name}出现客流高峰，滞留旅客约${size}人`,
    description: '受天气和班次调整影响，候车（通关）区域旅客滞留，已增开通道并增派警力维持秩序。',
    instruction: '旅客请关注官方发布的班次信息，合理安排行程。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: certaintyOf(rng),
    point: at(venue),
    region: venue.region,
    classification: classificationOf(rng, 0.05),
    attributes: { venue: venue.name, crowdSize: size, policeUnits: Math.ceil(size / 500) },
    expiresMinutes: 240,
  };
};

/** Drafters of routine public-security alerts, with weights. */
export const SECURITY_DRAFTERS: readonly (readonly [Drafter, number])[] = [
  [crowd, 30],
  [event, 15],
  [missing, 10],
  [iceRescue, 10],
  [patrol, 15],
  [port, 20],
];
