/**
 * Routine alerts of the Emergency Management Department's production-safety
 * side (安全生产): coal-mine gas and monitoring, hazardous chemicals,
 * forest fire, building sites, town gas and confined spaces.
 *
 * Gas limits are those of the Coal Mine Safety Regulations (《煤矿安全规程》):
 * methane above 1.0 % in a return airway stops work, above 1.5 % cuts power
 * and withdraws the workers.
 */
import { PREFECTURES } from '@shared/domain/regions';
import { CHEMICAL_PLANTS, cityName, COAL_MINES, FOREST_SITES } from '../places';
import { int, pick, real } from '../random';
import { at, certaintyOf, classificationOf, near, nearSeat, routineSeverity, urgencyOf, type Drafter } from './common';

const FACES = ['3号采煤工作面回风巷', '东一采区掘进工作面', '1201综采工作面上隅角', '西二采区回风上山', '主井底车场'];
const MINE_CLASS = ['高瓦斯矿井', '煤与瓦斯突出矿井', '低瓦斯矿井'];
const CHEMICALS = ['苯', '液氨', '甲醇', '液化石油气', '氯气', '硝基苯', '环氧乙烷'];
const SOURCE_CLASS = ['一级重大危险源', '二级重大危险源', '三级重大危险源', '四级重大危险源'];

const gas: Drafter = (rng) => {
  const mine = pick(rng, COAL_MINES);
  const severity = routineSeverity(rng);
  const gasPercent = severity === 'Minor' ? real(rng, 0.8, 1.0, 2) : severity === 'Moderate' ? real(rng, 1.0, 1.5, 2) : real(rng, 1.5, 2.5, 2);
  const workers = int(rng, 20, 180);
  const face = pick(rng, FACES);
  const action = gasPercent >= 1.5 ? '监控系统已自动断电，正在撤出井下全部作业人员' : gasPercent >= 1.0 ? '已停止作业，加强通风排放' : '已加强通风和人工检测';
  return {
    category: ['Safety'],
    event: '瓦斯浓度超限',
    eventCode: 'SAF-GAS',
    headline: `${mine.name}${face}甲烷浓度${gasPercent}%${gasPercent >= 1.0 ? '超限' : '接近报警值'}`,
    description: `安全监控系统显示${face}甲烷传感器读数${gasPercent}%，${action}。当班井下作业人员${workers}人。`,
    instruction: '矿方立即查明原因，严禁在超限区域作业；驻矿安全监管员到现场核实并每30分钟报告一次。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: near(rng, mine, 1.5),
    region: mine.region,
    classification: classificationOf(rng),
    attributes: { enterprise: mine.name, hazardClass: pick(rng, MINE_CLASS), gasPercent, workersUnderground: workers, sensor: `${face}T1` },
    expiresMinutes: 240,
  };
};

const monitoring: Drafter = (rng) => {
  const mine = pick(rng, COAL_MINES);
  return {
    category: ['Safety', 'Infra'],
    event: '安全监控系统异常',
    eventCode: 'SAF-MON',
    headline: `${mine.name}安全监控系统数据中断${int(rng, 10, 45)}分钟`,
    description: '省煤矿安全监控联网系统发现该矿上传数据中断，已电话通知矿方调度室排查通信线路，恢复前井下实行人工检测。',
    instruction: '矿方在数据恢复前每小时人工报告一次甲烷、一氧化碳读数。',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Observed',
    point: at(mine),
    region: mine.region,
    classification: 'internal',
    attributes: { enterprise: mine.name, hazardClass: pick(rng, MINE_CLASS), workersUnderground: int(rng, 0, 120) },
    expiresMinutes: 120,
  };
};

const chemical: Drafter = (rng) => {
  const plant = pick(rng, CHEMICAL_PLANTS);
  const severity = routineSeverity(rng);
  const chem = pick(rng, CHEMICALS);
  const tank = `${int(rng, 1, 12)}号${chem === '液化石油气' || chem === '液氨' ? '球罐' : '储罐'}`;
  const what = severity === 'Minor' ? '压力监测值短时波动' : severity === 'Moderate' ? '液位超过高限报警值' : '法兰密封处发生少量泄漏';
  return {
    category: severity === 'Severe' ? ['Safety', 'CBRNE'] : ['Safety'],
    event: '危险化学品储存异常',
    eventCode: 'SAF-CHEM',
    headline: `${plant.name}${tank}（${chem}）${what}`,
    description: `危险化学品重大危险源监测预警系统报警：${plant.name}${tank}${what}。企业已启动应急处置，${severity === 'Severe' ? '现场设置警戒区，下风向人员疏散' : '工艺人员正在调整'}。`,
    instruction: severity === 'Severe' ? '周边500米范围内人员向上风向撤离，关闭门窗；无关车辆不得进入厂区道路。' : '企业加强巡检，1小时内报告处置情况。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: certaintyOf(rng),
    point: near(rng, plant, 0.5),
    region: plant.region,
    classification: classificationOf(rng),
    attributes: { enterprise: plant.name, hazardClass: pick(rng, SOURCE_CLASS), chemical: chem, unit: tank },
    expiresMinutes: 180,
  };
};

const forestFire: Drafter = (rng) => {
  const site = pick(rng, FOREST_SITES);
  const severity = routineSeverity(rng);
  const areaHa = severity === 'Minor' ? real(rng, 0.1, 1) : real(rng, 1, 20);
  const p = near(rng, site, 8);
  return {
    category: ['Fire'],
    event: '森林火情',
    eventCode: 'SAF-FIRE',
    headline: `${site.name}施业区发现${severity === 'Minor' ? '疑似' : ''}林火`,
    description: `瞭望塔及卫星监测发现林火，过火面积约${areaHa}公顷，${severity === 'Minor' ? '扑火队已出发核查' : `已调派森林消防队员${int(rng, 30, 150)}人扑救`}。`,
    instruction: '进入林区人员严禁携带火种；周边作业人员服从扑火指挥部统一指挥。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: severity === 'Minor' ? 'Likely' : 'Observed',
    point: p,
    area: { desc: `${site.name}施业区`, circles: [{ center: [p.lon, p.lat], radiusKm: 2 }] },
    region: site.region,
    classification: classificationOf(rng),
    attributes: { enterprise: site.name, hazardClass: `森林火险等级${pick(rng, ['三', '四', '五'])}级`, burnedAreaHa: areaHa },
    expiresMinutes: 360,
  };
};

const cityHazard: Drafter = (rng) => {
  const pref = pick(rng, PREFECTURES);
  const kind = pick(rng, ['construction', 'gas', 'confined'] as const);
  const severity = routineSeverity(rng);
  const city = cityName(pref);
  const text = {
    construction: {
      event: '建筑施工安全隐患',
      headline: `${city}在建项目塔吊${severity === 'Minor' ? '力矩限制器失效' : '基础沉降'}`,
      description: '住建、应急部门联合检查发现重大事故隐患，已责令停止相关作业并整改。',
      enterprise: `${pref.name.zh}${pick(rng, ['锦绣', '滨江', '龙腾', '北城'])}花园二期项目`,
    },
    gas: {
      event: '燃气泄漏',
      headline: `${city}一餐饮商户燃气泄漏`,
      description: '燃气公司抢修人员已到场关阀，现场通风，周边商户临时疏散，未造成人员伤亡。',
      enterprise: `${city}城市燃气有限公司`,
    },
    confined: {
      event: '有限空间作业预警',
      headline: `${city}污水管网有限空间作业未审批`,
      description: '巡查发现作业单位未进行气体检测即组织人员进入检查井，已现场制止。',
      enterprise: `${city}排水工程有限公司`,
    },
  }[kind];
  return {
    category: ['Safety'],
    event: text.event,
    eventCode: `SAF-${kind.toUpperCase()}`,
    headline: text.headline,
    description: text.description,
    instruction: '相关单位立即整改，整改完成前不得恢复作业。',
    severity,
    urgency: urgencyOf(severity, rng),
    certainty: 'Observed',
    point: nearSeat(rng, pref, 6),
    region: pref.code,
    classification: classificationOf(rng),
    attributes: { enterprise: text.enterprise, hazardClass: '一般生产安全事故隐患' },
    expiresMinutes: 240,
  };
};

/** Drafters of routine safety alerts, with weights. */
export const SAFETY_DRAFTERS: readonly (readonly [Drafter, number])[] = [
  [gas, 30],
  [monitoring, 15],
  [chemical, 25],
  [forestFire, 10],
  [cityHazard, 20],
];
