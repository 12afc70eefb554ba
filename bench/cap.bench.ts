/**
 * CAP codec throughput: `parseCap`, `decodeCapAlert` and `serializeCap` on
 * (a) the corpus files under 30 KB (valid + older-versions) and (b) ~200
 * typical feed messages built like the demo CAP feeds build them (one zh-CN
 * info block, a circle or a polygon, a GB/T 2260 geocode, 3-6 parameters,
 * Chinese headline and description).
 *
 * Baselines from the same run, because this machine is noisy:
 * - decoding: fast-xml-parser alone (`new XMLParser(CAP_XML_PARSER_OPTIONS).parse`,
 *   the options the codec uses), and `XMLValidator.validate` + that parse;
 * - encoding: a naive template-string build of the same messages (escaping
 *   `& < >` with three `replace` calls, nothing trimmed, nothing checked).
 *
 * Every measurement is interleaved with the others (round r of each, then
 * round r+1 ...) and the best round is kept, so a burst of load from another
 * process hits all of them alike.
 *
 * Rates are given twice: per wall-clock second, and per second of on-CPU time
 * of the main thread (Linux `/proc/thread-self/schedstat`; elsewhere
 * `process.cpuUsage`, all threads). A round lasts until the thread has run
 * ROUND_CPU_MS, so the CPU rate does not depend on how much of the machine
 * other processes take; it is the closest this bench gets to an idle-machine
 * number (contention for caches and hyperthreads still shows). Ratios
 * against the baselines use wall-clock rates.
 *
 * `npm run bench -- cap [--json] [--rounds N] [--only <substring>]`
 *
 * Profiling the real process (what `npm run bench` runs, minus --expose-gc):
 * `TSX_TSCONFIG_PATH=tsconfig.tools.json node --cpu-prof --import tsx bench/cap.bench.ts --only feed.decodeCapAlert --rounds 20`
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCapAlert, parseCap, serializeCap } from '@shared/cap';
import type { CapArea, CapInfo, CapMessage, CapValuePair } from '@shared/cap';
import { CAP_XML_PARSER_OPTIONS } from '@shared/cap/parse';
import type { CapToAlertContext } from '@shared/cap/toAlert';
import { PREFECTURES } from '@shared/domain/regions';
import { fmt, gc, json, say } from './harness';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const ROUNDS = Math.max(1, Number(arg('--rounds')) || 7);
/** `--only <substring>`: run only the matching measurements (e.g. for `node --cpu-prof`). */
const ONLY = arg('--only');
/** One round of one measurement runs until the main thread has been on a CPU this long. */
const ROUND_CPU_MS = 150;
/** ... or until this much wall-clock time has passed, on a badly overloaded machine. */
const ROUND_WALL_MS = 3000;

const SCHEDSTAT = '/proc/thread-self/schedstat';
const threadCpu = existsSync(SCHEDSTAT);
/** On-CPU time of this thread (or, without schedstat, CPU time of the process), in ms. */
function cpuMs(): number {
  if (threadCpu) return Number(readFileSync(SCHEDSTAT, 'latin1').split(' ')[0]) / 1e6;
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

// --- inputs -----------------------------------------------------------------

const corpusDir = join(import.meta.dirname, '../shared/cap/fixtures');
const corpus = ['valid', 'older-versions']
  .flatMap((d) => readdirSync(join(corpusDir, d)).map((f) => join(corpusDir, d, f)))
  .map((p) => {
    const raw = readFileSync(p);
    return /encoding\s*=\s*["'](ISO-8859-1|latin1)["']/i.test(raw.subarray(0, 200).toString('latin1')) ? raw.toString('latin1') : raw.toString('utf8');
  })
  .filter((d) => d.length < 30_000);

/** Deterministic generator (LCG) so every run measures the same messages. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FEEDS = [
  { sender: 'cap@sthj.hlj.gov.cn', senderName: '黑龙江省生态环境厅', prefix: 'ECO' },
  { sender: 'cap@yjgl.hlj.gov.cn', senderName: '黑龙江省应急管理厅', prefix: 'SAF' },
] as const;

const EVENTS = [
  { event: '空气质量超标', code: 'ECO-AIR', category: ['Env'], params: ['pollutant', 'reading', 'unit', 'standard', 'section', 'station'] },
  { event: '地表水水质超标', code: 'ECO-WATER', category: ['Env'], params: ['pollutant', 'reading', 'unit', 'standard', 'section', 'timesStandard'] },
  { event: '企业废气排放超标', code: 'ECO-STACK', category: ['Env'], params: ['enterprise', 'pollutant', 'reading', 'unit', 'standard'] },
  { event: '秸秆焚烧火点', code: 'ECO-FIRE', category: ['Env', 'Fire'], params: ['satellite', 'confidence', 'county', 'areaMu'] },
  { event: '危险化学品泄漏', code: 'SAF-HAZMAT', category: ['Safety', 'CBRNE'], params: ['enterprise', 'chemical', 'hazardClass', 'evacuated', 'windDir', 'windSpeed'] },
  { event: '尾矿库水位超限', code: 'SAF-TAILINGS', category: ['Safety'], params: ['site', 'level', 'limit', 'unit'] },
  { event: '森林火险', code: 'SAF-FOREST', category: ['Fire', 'Met'], params: ['forestFarm', 'fireRisk', 'windSpeed', 'humidity', 'patrols'] },
  { event: '燃气管道泄漏', code: 'SAF-GAS', category: ['Safety', 'Infra'], params: ['pipeline', 'pressure', 'households', 'valveClosed'] },
] as const;

const PLACES = ['道里区', '南岗区', '香坊区', '松北区', '龙沙区', '建华区', '让胡路区', '萨尔图区', '爱民区', '东安区', '前进区', '向阳区', '兴山区', '尖山区', '新兴区', '带岭区'];
const CAUSES = ['燃煤供暖', '不利气象条件', '机动车尾气', '区域传输', '上游来水', '设备故障', '违规操作', '管道老化腐蚀', '持续干旱少雨', '大风天气'];
const SENTENCES = [
  '监测数据显示相关指标持续超过标准限值，已通知属地主管部门立即核实。',
  '现场已设置警戒区域，禁止无关人员和车辆进入，周边企业暂停作业。',
  '已安排执法人员和技术人员赶赴现场，开展采样复核并排查污染来源。',
  '预计未来六小时内气象扩散条件不利，污染程度可能进一步加重。',
  '请沿线单位加密巡查频次，发现异常情况及时报告并做好应急准备。',
  '\u3000\u3000据初步调查，事发单位已启动应急预案，泄漏点得到初步控制。',
  '下游取水口已加强水质监测，必要时启用备用水源保障居民用水。',
  '消防救援队伍已在现场待命，医疗卫生部门做好伤员救治准备工作。',
];
const INSTRUCTIONS = [
  '儿童、老年人及心脏病、呼吸系统疾病患者减少户外活动；一般人群适量减少户外运动。',
  '沿岸取水单位加密监测频次；排查发现的超标排放单位立即停产整改。',
  '周边居民请关闭门窗，听从现场指挥，按指定路线有序撤离。',
  '严禁野外用火，林区各单位落实值班巡护制度，发现火情立即报告。',
];
const COLOUR = { Minor: '蓝色', Moderate: '黄色', Severe: '橙色', Extreme: '红色' } as const;
const NOTE = '演练：龙江联合指挥中心演示数据，非真实事件。Exercise: Longwatch demo data, not a real event.';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Beijing time with +08:00, whole seconds, as `formatCapDateTime` writes it. */
function beijing(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+08:00`;
}

function feedMessage(i: number): CapMessage {
  const r = rng(0xcafe + i * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
  const feed = FEEDS[i % FEEDS.length]!;
  const kind = pick(EVENTS);
  const pref = pick(PREFECTURES);
  const place = pick(PLACES);
  const severity = r() < 0.6 ? 'Minor' : r() < 0.95 ? 'Moderate' : 'Severe';
  const sentMs = Date.UTC(2026, 10, 26, 6, 0, 0) + i * 37_000;
  const lat = round(pref.center[1] + (r() - 0.5) * 0.4, 5);
  const lon = round(pref.center[0] + (r() - 0.5) * 0.4, 5);
  const reading = round(10 + r() * 200, 1);
  let description = `${pref.name.zh}市${place}${kind.event}：监测值${reading}，主要受${pick(CAUSES)}影响。`;
  const want = 100 + Math.floor(r() * 200);
  while (description.length < want) description += pick(SENTENCES);
  const nParams = 3 + Math.floor(r() * 4);
  const parameter: CapValuePair[] = kind.params.slice(0, nParams).map((valueName, k) => ({
    valueName,
    value: k % 3 === 0 ? `${place}${valueName === 'unit' ? 'mg/L' : '监测点'}${k}` : String(round(r() * 500, 2)),
  }));
  const circle = [{ center: [lat, lon] as [number, number], radiusKm: 1 }];
  const area: CapArea = { areaDesc: `黑龙江省${pref.name.zh}市${place}`, polygon: [], circle, geocode: [{ valueName: 'GB/T 2260', value: pref.code }] };
  if (r() < 0.4) {
    // a polygon around the point (the demo feeds keep the point as a 1 km circle in front)
    const n = 5 + Math.floor(r() * 8);
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      const rad = 0.02 + r() * 0.05;
      ring.push([round(lat + rad * Math.sin(a), 5), round(lon + rad * Math.cos(a), 5)]);
    }
    ring.push([ring[0]![0], ring[0]![1]]);
    area.polygon.push(ring);
  }
  const classification = r();
  const scope = classification < 0.2 ? 'Public' : classification < 0.95 ? 'Restricted' : 'Private';
  const update = i > 0 && r() < 0.2;
  const info: CapInfo = {
    language: 'zh-CN',
    category: [...kind.category],
    event: kind.event,
    responseType: [],
    urgency: severity === 'Severe' ? 'Immediate' : r() < 0.5 ? 'Expected' : 'Immediate',
    severity,
    certainty: r() < 0.85 ? 'Observed' : 'Likely',
    eventCode: [{ valueName: 'longwatch', value: kind.code }],
    effective: beijing(sentMs),
    expires: beijing(sentMs + (60 + Math.floor(r() * 600)) * 60_000),
    senderName: feed.senderName,
    headline: `${pref.name.zh}市${place}${kind.event}${COLOUR[severity]}预警：${pick(CAUSES)}导致指标异常，请相关单位做好防范`,
    description,
    instruction: pick(INSTRUCTIONS),
    parameter,
    resource: [],
    area: [area],
  };
  return {
    version: '1.2',
    identifier: `${feed.prefix}-20261126-${String(i).padStart(5, '0')}`,
    sender: feed.sender,
    sent: beijing(sentMs),
    status: 'Exercise',
    msgType: update ? 'Update' : 'Alert',
    source: `${feed.senderName}（演示）`,
    scope,
    ...(scope === 'Restricted' ? { restriction: '仅限龙江联合指挥中心及成员单位' } : {}),
    ...(scope === 'Private' ? { addresses: 'hlj-command' } : {}),
    code: [],
    note: NOTE,
    references: update ? [{ sender: feed.sender, identifier: `${feed.prefix}-20261126-${String(i - 1).padStart(5, '0')}`, sent: beijing(sentMs - 37_000) }] : [],
    incidents: [],
    info: [info],
  };
}

const feedMessages = Array.from({ length: 200 }, (_, i) => feedMessage(i));
const feedXml = feedMessages.map((m) => serializeCap(m));
const corpusMessages = corpus.map((xml) => {
  const r = parseCap(xml);
  if (!r.ok) throw new Error(`corpus file refused: ${r.error.reason}`);
  return r.value;
});

const CTX: Omit<CapToAlertContext, 'capXml'> = { feed: 'ecology', domain: 'ecology', fallback: { point: { lon: 126.535, lat: 45.803 }, region: '230100' } };

// Sanity: the generated messages decode and map without refusal (a benchmark of refusals would measure nothing).
for (const xml of feedXml) {
  const r = decodeCapAlert(xml, CTX);
  if (!r.ok) throw new Error(`generated message refused: ${r.error.path}: ${r.error.reason}\n${xml}`);
}

// --- baselines ----------------------------------------------------------------

const rawParser = new XMLParser(CAP_XML_PARSER_OPTIONS);

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, v: string | number | undefined): string => (v === undefined || v === '' ? '' : `<${name}>${typeof v === 'number' ? v : esc(v)}</${name}>`);
const pair = (name: string, p: CapValuePair): string => `<${name}><valueName>${esc(p.valueName)}</valueName><value>${esc(p.value)}</value></${name}>`;

/** Naive template-string encoder: the same elements in schema order, no trimming, no checks, no normalisation. */
function naiveCap(m: CapMessage): string {
  const infos = m.info.map(
    (i) =>
      `<info>${el('language', i.language)}${i.category.map((c) => el('category', c)).join('')}${el('event', i.event)}` +
      `${i.responseType.map((c) => el('responseType', c)).join('')}${el('urgency', i.urgency)}${el('severity', i.severity)}${el('certainty', i.certainty)}` +
      `${el('audience', i.audience)}${i.eventCode.map((p) => pair('eventCode', p)).join('')}${el('effective', i.effective)}${el('onset', i.onset)}${el('expires', i.expires)}` +
      `${el('senderName', i.senderName)}${el('headline', i.headline)}${el('description', i.description)}${el('instruction', i.instruction)}${el('web', i.web)}${el('contact', i.contact)}` +
      `${i.parameter.map((p) => pair('parameter', p)).join('')}` +
      `${i.resource.map((x) => `<resource>${el('resourceDesc', x.resourceDesc)}${el('mimeType', x.mimeType)}${el('size', x.size)}${el('uri', x.uri)}${el('derefUri', x.derefUri)}${el('digest', x.digest)}</resource>`).join('')}` +
      `${i.area
        .map(
          (a) =>
            `<area>${el('areaDesc', a.areaDesc)}${a.polygon.map((p) => `<polygon>${p.map(([la, lo]) => `${la},${lo}`).join(' ')}</polygon>`).join('')}` +
            `${a.circle.map((c) => `<circle>${c.center[0]},${c.center[1]} ${c.radiusKm}</circle>`).join('')}${a.geocode.map((p) => pair('geocode', p)).join('')}` +
            `${el('altitude', a.altitude)}${el('ceiling', a.ceiling)}</area>`,
        )
        .join('')}</info>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${el('identifier', m.identifier)}${el('sender', m.sender)}${el('sent', m.sent)}` +
    `${el('status', m.status)}${el('msgType', m.msgType)}${el('source', m.source)}${el('scope', m.scope)}${el('restriction', m.restriction)}${el('addresses', m.addresses)}` +
    `${m.code.map((c) => el('code', c)).join('')}${el('note', m.note)}${el('references', m.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' '))}` +
    `${el('incidents', m.incidents.join(' '))}${infos.join('')}</alert>\n`
  );
}

// --- measurement --------------------------------------------------------------

interface Task {
  key: string;
  /** Messages handled by one call of `run`. */
  units: number;
  run: () => unknown;
  /** Best rate per wall-clock second. */
  best: number;
  /** Best rate per second of CPU time. */
  bestCpu: number;
}

let sink = 0;
const consume = (v: unknown): void => {
  if (v !== undefined) sink++;
};

function task(key: string, inputs: readonly unknown[], fn: (x: never) => unknown): Task {
  const run = (): void => {
    for (const x of inputs) consume(fn(x as never));
  };
  return { key, units: inputs.length, run, best: 0, bestCpu: 0 };
}

function measure(tasks: Task[]): void {
  for (const t of tasks) t.run(); // warm up
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of tasks) {
      gc();
      const c0 = cpuMs();
      const t0 = performance.now();
      let units = 0;
      do {
        t.run();
        units += t.units;
      } while (cpuMs() - c0 < ROUND_CPU_MS && performance.now() - t0 < ROUND_WALL_MS);
      const wall = (performance.now() - t0) / 1000;
      const cpu = Math.max((cpuMs() - c0) / 1000, 1e-6);
      t.best = Math.max(t.best, units / wall);
      t.bestCpu = Math.max(t.bestCpu, units / cpu);
    }
  }
}

const sets = {
  corpus: { xml: corpus, messages: corpusMessages },
  feed: { xml: feedXml, messages: feedMessages },
};

const KINDS = ['parseCap', 'decodeCapAlert', 'fxpParse', 'fxpValidateParse', 'serializeCap', 'naiveTemplate'] as const;
type Kind = (typeof KINDS)[number];

const all: Task[] = [];
for (const [name, s] of Object.entries(sets)) {
  all.push(
    task(`${name}.parseCap`, s.xml, (x: string) => parseCap(x)),
    task(`${name}.decodeCapAlert`, s.xml, (x: string) => decodeCapAlert(x, CTX)),
    task(`${name}.fxpParse`, s.xml, (x: string) => rawParser.parse(x)),
    task(`${name}.fxpValidateParse`, s.xml, (x: string) => (XMLValidator.validate(x) === true ? rawParser.parse(x) : undefined)),
    task(`${name}.serializeCap`, s.messages, (m: CapMessage) => serializeCap(m)),
    task(`${name}.naiveTemplate`, s.messages, (m: CapMessage) => naiveCap(m)),
  );
}
const tasks = ONLY === undefined ? all : all.filter((t) => t.key.includes(ONLY));
measure(tasks);

const pct = (a: number, b: number): string => `${((100 * a) / b).toFixed(0)}%`;
const meanChars = (xs: readonly string[]): number => xs.reduce((n, x) => n + x.length, 0) / xs.length;
const LABEL: Record<Kind, string> = {
  parseCap: 'parseCap',
  decodeCapAlert: 'decodeCapAlert',
  fxpParse: '  baseline: fxp parse alone',
  fxpValidateParse: '  baseline: fxp validate + parse',
  serializeCap: 'serializeCap',
  naiveTemplate: '  baseline: naive template',
};
const RELATIVE: Partial<Record<Kind, Kind[]>> = {
  parseCap: ['fxpParse', 'fxpValidateParse'],
  decodeCapAlert: ['fxpParse', 'fxpValidateParse'],
  serializeCap: ['naiveTemplate'],
};

const result: Record<string, number> = {};
for (const [name, s] of Object.entries(sets)) {
  const get = (k: Kind): Task | undefined => tasks.find((t) => t.key === `${name}.${k}`);
  if (!KINDS.some(get)) continue;
  const label = name === 'corpus' ? `corpus: ${s.xml.length} files under 30 KB` : `feed: ${s.xml.length} typical feed messages`;
  say(`${label} (mean ${fmt(meanChars(s.xml))} chars)               msg/s  msg/CPU-s`);
  for (const k of KINDS) {
    const t = get(k);
    if (!t) continue;
    const rel = (RELATIVE[k] ?? [])
      .map((b) => get(b))
      .filter((b): b is Task => b !== undefined)
      .map((b) => `${pct(t.best, b.best)} of ${b.key.split('.')[1]}`);
    say(`  ${LABEL[k].padEnd(33)} ${fmt(t.best).padStart(8)}  ${fmt(t.bestCpu).padStart(9)}${rel.length ? `   (${rel.join(', ')})` : ''}`);
    result[`${name}.${k}PerSec`] = Math.round(t.best);
    result[`${name}.${k}PerCpuSec`] = Math.round(t.bestCpu);
  }
}
say(
  `(best of ${ROUNDS} interleaved rounds of ${ROUND_CPU_MS} ms ${threadCpu ? 'main-thread' : 'process'} CPU time each; ` +
    `fxp = fast-xml-parser with CAP_XML_PARSER_OPTIONS${sink > 0 ? '' : '; no output?'})`,
);

if (json) console.log(JSON.stringify(result));
