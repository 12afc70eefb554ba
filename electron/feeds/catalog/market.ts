/**
 * Routine alerts of the Administration for Market Regulation (市场监管):
 * price monitoring, food-safety sampling, special equipment (lifts), weights
 * and measures, and consumer complaints (12315).
 */
import { PREFECTURES } from '@shared/domain/regions';
import { cityName, MARKETS } from '../places';
import { int, pick, real } from '../random';
import { at, certaintyOf, classificationOf, near, nearSeat, routineSeverity, urgencyOf, type Drafter } from './common';

/** Commodities the price monitoring follows, with a typical retail price and its unit. */
const COMMODITIES: readonly (readonly [name: string, price: number, unit: string])[] = [
  ['大米', 2.9, '元/斤'],
  ['猪肉', 13.5, '元/斤'],
  ['鸡蛋', 4.6, '元/斤'],
  ['大豆油', 68, '元/5升'],
  ['大白菜', 0.9, '元/斤'],
  ['土豆', 1.4, '元/斤'],
  ['桶装水', 15, '元/桶'],
  ['瓶装水', 24, '元/箱'],
  ['液化石油气', 115, '元/罐'],
  ['民用煤', 980, '元/吨'],
];

const price: Drafter = (rng) => {
  const market = pick(rng, MARKETS);
  const [commodity, base, unit] = pick(rng, COMMODITIES);
  const severity = routineSeverity(rng);
  const up = rng() < 0.75;
  const change = severity === 'Minor' ? real(rng, 8, 15) : severity === 'Moderate' ? real(rng, 15, 30) : real(rng, 30, 60);
  const pct = up ? change : -change;
  const now = Math.round(base * (1 + pct / 100) * 100) / 100;
  return {
    category: ['Other'],
    event: '价格异常波动',
    eventCode: 'MKT-PRICE',
    headline: `${market.name}${commodity}价格${up ? '上涨' : '下跌'}${change}%`,
    description: `价格监测显示，${commodity}零售价由${base}${unit}${up ? '涨至' : '降至'}${now}${unit}，较上周${up ? '上涨' : '下跌'}${change}%。${up && severity !== 'Minor' ? '执法人员已进场检查明码标价和进货票据。' : ''}`,
    instruction: up ? '经营者不得捏造、散布涨价信息，不得囤积居奇、哄抬价格；消费者可拨打12315举报。' : undefined,
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: near(rng, market, 0.3),
    region: market.region,
    classification: classificationOf(rng),
    attributes: { commodity, priceChangePercent: pct, market: market.name, price: now, priceUnit: unit },
    expiresMinutes: 1440,
  };
};

const foodSample: Drafter = (rng) => {
  const market = pick(rng, MARKETS);
  const [item, finding] = pick(rng, [
    ['韭菜', '腐霉利残留超标'],
    ['散装白酒', '甲醇含量超标'],
    ['猪肉', '检出克伦特罗'],
    ['豆芽', '检出6-苄基腺嘌呤'],
    ['鲜鱼', '检出孔雀石绿'],
    ['酸菜', '亚硝酸盐超标'],
  ] as const);
  const severity = routineSeverity(rng);
  return {
    category: ['Health'],
    event: '食品安全抽检不合格',
    eventCode: 'MKT-FOOD',
    headline: `${market.name}抽检${item}${finding}`,
    description: `食品安全监督抽检发现${market.name}销售的${item}${finding}，已责令下架封存同批次产品，正在追溯进货来源。`,
    instruction: '已购买同批次产品的消费者请停止食用，可凭购物凭证退货。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: at(market),
    region: market.region,
    classification: classificationOf(rng),
    attributes: { commodity: item, market: market.name, finding, batches: int(rng, 1, 4) },
    expiresMinutes: 2880,
  };
};

const lift: Drafter = (rng) => {
  const pref = pick(rng, PREFECTURES);
  const trapped = int(rng, 1, 6);
  return {
    category: ['Safety', 'Rescue'],
    event: '电梯困人',
    eventCode: 'MKT-LIFT',
    headline: `${cityName(pref)}一住宅小区电梯困人${trapped}人`,
    description: `96333电梯应急处置平台接报，电梯停在两层之间，维保单位人员已出发，预计${int(rng, 10, 25)}分钟到场。`,
    instruction: '被困人员请保持冷静，不要扒门，等待救援。',
    severity: 'Minor',
    urgency: 'Immediate',
    certainty: 'Observed',
    point: nearSeat(rng, pref, 5),
    region: pref.code,
    classification: 'internal',
    attributes: { equipment: '乘客电梯', trapped },
    expiresMinutes: 60,
  };
};

const measures: Drafter = (rng) => {
  const market = pick(rng, MARKETS);
  return {
    category: ['Other'],
    event: '计量作弊',
    eventCode: 'MKT-SCALE',
    headline: `${market.name}查获改装电子秤${int(rng, 2, 9)}台`,
    description: '计量执法检查发现商户使用加装遥控作弊装置的电子秤，已依法扣押并立案调查。',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    point: at(market),
    region: market.region,
    classification: classificationOf(rng),
    attributes: { market: market.name, commodity: '电子计价秤' },
    expiresMinutes: 1440,
  };
};

const complaints: Drafter = (rng) => {
  const market = pick(rng, MARKETS);
  const [commodity] = pick(rng, COMMODITIES);
  const n = int(rng, 8, 60);
  const severity = routineSeverity(rng);
  return {
    category: ['Other'],
    event: '消费投诉集中',
    eventCode: 'MKT-12315',
    headline: `12315平台2小时内接到${market.name}${commodity}相关投诉${n}件`,
    description: `投诉集中反映${pick(rng, ['缺斤短两', '价格标示不实', '拒绝退换货', '限购搭售'])}，已转属地市场监管所现场核查。`,
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: certaintyOf(rng),
    point: near(rng, market, 0.5),
    region: market.region,
    classification: classificationOf(rng),
    attributes: { commodity, market: market.name, complaints: n },
    expiresMinutes: 720,
  };
};

/** Drafters of routine market alerts, with weights. */
export const MARKET_DRAFTERS: readonly (readonly [Drafter, number])[] = [
  [price, 35],
  [foodSample, 20],
  [lift, 20],
  [measures, 10],
  [complaints, 15],
];
