/**
 * The five alert domains, the agencies of Heilongjiang province that own
 * them, and the joint command center that coordinates them (DESIGN §3).
 */
export const DOMAINS = ['traffic', 'safety', 'market', 'security', 'ecology'] as const;
export type Domain = (typeof DOMAINS)[number];

export const AGENCY_IDS = ['hlj-traffic', 'hlj-safety', 'hlj-market', 'hlj-security', 'hlj-ecology', 'hlj-command'] as const;
export type AgencyId = (typeof AGENCY_IDS)[number];

export interface Agency {
  id: AgencyId;
  name: { zh: string; en: string };
  /** Short name for tight places (board column, map tooltip). */
  short: { zh: string; en: string };
  /** The domain whose alerts this agency answers for; null for the joint command center. */
  domain: Domain | null;
  /** GB/T 2260 codes of the area it covers (province level: 230000). */
  jurisdiction: readonly string[];
}

const PROVINCE = ['230000'] as const;

export const AGENCIES: Readonly<Record<AgencyId, Agency>> = {
  'hlj-traffic': {
    id: 'hlj-traffic',
    name: { zh: '黑龙江省交通运输厅', en: 'Heilongjiang Department of Transport' },
    short: { zh: '交通运输', en: 'Transport' },
    domain: 'traffic',
    jurisdiction: PROVINCE,
  },
  'hlj-safety': {
    id: 'hlj-safety',
    name: { zh: '黑龙江省应急管理厅（安全生产）', en: 'Heilongjiang Emergency Management Department (production safety)' },
    short: { zh: '安全生产', en: 'Safety' },
    domain: 'safety',
    jurisdiction: PROVINCE,
  },
  'hlj-market': {
    id: 'hlj-market',
    name: { zh: '黑龙江省市场监督管理局', en: 'Heilongjiang Administration for Market Regulation' },
    short: { zh: '市场监管', en: 'Market' },
    domain: 'market',
    jurisdiction: PROVINCE,
  },
  'hlj-security': {
    id: 'hlj-security',
    name: { zh: '黑龙江省公安厅', en: 'Heilongjiang Public Security Department' },
    short: { zh: '公安应急', en: 'Security' },
    domain: 'security',
    jurisdiction: PROVINCE,
  },
  'hlj-ecology': {
    id: 'hlj-ecology',
    name: { zh: '黑龙江省生态环境厅', en: 'Heilongjiang Department of Ecology and Environment' },
    short: { zh: '生态环境', en: 'Ecology' },
    domain: 'ecology',
    jurisdiction: PROVINCE,
  },
  'hlj-command': {
    id: 'hlj-command',
    name: { zh: '龙江联合指挥中心', en: 'Longwatch Joint Command Center' },
    short: { zh: '联合指挥', en: 'Command' },
    domain: null,
    jurisdiction: PROVINCE,
  },
};

/** The agency answering for alerts of `domain`. */
export const AGENCY_OF_DOMAIN: Readonly<Record<Domain, AgencyId>> = {
  traffic: 'hlj-traffic',
  safety: 'hlj-safety',
  market: 'hlj-market',
  security: 'hlj-security',
  ecology: 'hlj-ecology',
};

export function isAgencyId(value: unknown): value is AgencyId {
  return typeof value === 'string' && (AGENCY_IDS as readonly string[]).includes(value);
}
