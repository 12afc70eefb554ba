/**
 * Builders for the board's, the detail panel's and the alarms' unit tests
 * (not used by the app). A translate function over the real zh-CN
 * resources, so tests read the sentences users see.
 */
import type { Alert, AlertContent, Incident } from '@shared/domain/model';
import { AGENCY_OF_DOMAIN } from '@shared/domain/agencies';
import { zhCN } from '../../i18n/zh-CN';
import type { Translate } from './commandText';

export const T0 = Date.parse('2026-11-26T14:00:00+08:00');

let n = 0;

export function alert(overrides: Partial<Alert> & Partial<AlertContent> = {}): Alert {
  n++;
  const domain = overrides.domain ?? 'traffic';
  const sourceId = overrides.sourceId ?? `S${n}`;
  return {
    feed: domain,
    sourceId,
    version: 1,
    msgType: 'Alert',
    references: [],
    domain,
    category: ['Transport'],
    event: '道路交通事故',
    headline: `G1京哈高速 ${n}`,
    severity: 'Moderate',
    urgency: 'Immediate',
    certainty: 'Observed',
    capStatus: 'Actual',
    point: { lon: 126.6, lat: 45.7 },
    region: '230100',
    sent: T0,
    classification: 'internal',
    attributes: {},
    format: 'json',
    id: `${domain}:${sourceId}`,
    agency: AGENCY_OF_DOMAIN[domain],
    status: 'new',
    received: T0,
    revisions: [sourceId],
    duplicates: 0,
    receivedSeq: n,
    ...overrides,
  };
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  n++;
  return {
    id: `INC-${n}`,
    no: n,
    title: `事件 ${n}`,
    level: 3,
    status: 'open',
    agencies: {},
    alerts: [],
    domains: ['traffic'],
    tasks: {},
    notes: [],
    location: { lon: 126.6, lat: 45.7 },
    region: '230100',
    classification: 'internal',
    openedAt: T0,
    openedBy: 'user:operator',
    updatedAt: T0,
    overdue: false,
    levelHistory: [],
    ...overrides,
  };
}

/** i18next-like `t` over the Chinese resources: `{{x}}` interpolation, the key itself when missing. */
export const zhT: Translate = (key, values = {}) => {
  let node: unknown = zhCN;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};
