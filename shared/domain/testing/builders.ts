/** Test builders for domain tests: realistic alert content, users, and a fold helper. */
import { sealEvents } from '../chain';
import type { DomainEvent, EventDraft } from '../events';
import type { AlertContent } from '../model';
import { reduce } from '../reduce';
import type { User } from '../roles';
import { initialState, type State } from '../state';

export const T0 = Date.parse('2026-11-26T14:00:00+08:00');
export const MIN = 60_000;

export function content(overrides: Partial<AlertContent> = {}): AlertContent {
  return {
    feed: 'traffic',
    sourceId: 'TR-0001',
    version: 1,
    msgType: 'Alert',
    references: [],
    domain: 'traffic',
    category: ['Transport'],
    event: '道路交通事故',
    headline: 'G1京哈高速哈尔滨段多车相撞',
    description: '京哈高速K1203处发生多车追尾，双向通行受阻。',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    capStatus: 'Actual',
    point: { lon: 126.6, lat: 45.7 },
    region: '230100',
    sent: T0,
    classification: 'internal',
    attributes: { road: 'G1', direction: '北京方向' },
    format: 'json',
    ...overrides,
  };
}

export const USERS = {
  operator: { name: 'zhangsan', displayName: '张三', role: 'operator' },
  traffic: { name: 'lisi', displayName: '李四', role: 'dutyOfficer', agency: 'hlj-traffic' },
  ecology: { name: 'wangwu', displayName: '王五', role: 'dutyOfficer', agency: 'hlj-ecology' },
  safety: { name: 'zhaoliu', displayName: '赵六', role: 'dutyOfficer', agency: 'hlj-safety' },
  commander: { name: 'chenqi', displayName: '陈七', role: 'commander' },
  analyst: { name: 'zhouba', displayName: '周八', role: 'analyst' },
  admin: { name: 'admin', displayName: '系统管理员', role: 'admin' },
} as const satisfies Record<string, User>;

/** A little event log: seal drafts after the state's head and fold them in. */
export class Log {
  state: State = initialState;
  events: DomainEvent[] = [];

  append(...drafts: EventDraft[]): DomainEvent[] {
    const sealed = sealEvents(drafts, { seq: this.state.seq, hash: this.state.hash });
    for (const e of sealed) this.state = reduce(this.state, e);
    this.events.push(...sealed);
    return sealed;
  }
}
