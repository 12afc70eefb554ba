/**
 * TEST SUPPORT ONLY: a miniature hub around correlation. It does what the hub
 * does with a result (seal after the head, fold, tell the index), and fails
 * loudly the moment the reducer would refuse an event, so every test also
 * proves that correlation only emits applicable events.
 */
import { sealEvents } from '../../domain/chain';
import type { DomainEvent, EventDraft } from '../../domain/events';
import { alertContentSchema, type AlertContent, type Incident } from '../../domain/model';
import { applyEvent, reduce } from '../../domain/reduce';
import { initialState, type State } from '../../domain/state';
import { DEFAULT_CORRELATION_CONFIG, type CorrelationConfig } from '../config';
import { correlateAlert, type Correlated } from '../correlate';
import { IncidentIndex } from '../incidentIndex';

/** 2024-01-15 08:00 Beijing time, a winter morning in Harbin. */
export const T0 = Date.UTC(2024, 0, 15, 0, 0, 0);
export const MINUTE = 60_000;

export class Harness {
  state: State;
  index: IncidentIndex;
  readonly log: DomainEvent[] = [];

  constructor(
    readonly config: CorrelationConfig = DEFAULT_CORRELATION_CONFIG,
    state: State = initialState,
  ) {
    this.state = state;
    this.index = IncidentIndex.fromState(state);
  }

  /** Correlates one alert received at `time` and, if it is not quarantined, appends what came out. */
  feed(content: AlertContent, time: number = T0): Correlated {
    const r = correlateAlert(this.state, content, { time, actor: `source:${content.feed}` }, this.config, this.index);
    if (r.ok) this.commit(r.events);
    return r;
  }

  /** Seals, checks, folds and indexes drafts the way the hub does. Throws on the first refused event. */
  commit(drafts: readonly EventDraft[]): DomainEvent[] {
    const sealed = sealEvents(drafts, this.state);
    for (const event of sealed) {
      const applied = applyEvent(this.state, event);
      if (!applied.ok) throw new Error(`reducer refused ${event.type} #${event.seq}: ${applied.reason}`);
      this.state = reduce(this.state, event);
      this.index.apply(event, this.state);
      this.log.push(event);
    }
    return sealed;
  }

  incident(id: string): Incident {
    const incident = this.state.incidents.get(id);
    if (!incident) throw new Error(`no incident ${id}`);
    return incident;
  }

  /** Incidents in opening order. */
  incidents(): Incident[] {
    return [...this.state.incidents.values()].sort((a, b) => a.no - b.no);
  }
}

/** Just the types of a result's events, for compact assertions. */
export function typesOf(r: Correlated): string[] {
  if (!r.ok) throw new Error(`quarantined: ${r.quarantine}`);
  return r.events.map((e) => e.type);
}

export type AlertInput = Partial<Omit<AlertContent, 'point'>> & { at: readonly [lon: number, lat: number]; sourceId: string };

/** Valid alert content with quiet defaults; parsed by the domain schema, so a test cannot feed malformed content. */
export function alert(input: AlertInput): AlertContent {
  const { at, ...rest } = input;
  const domain = rest.domain ?? 'safety';
  return alertContentSchema.parse({
    feed: domain,
    version: 1,
    msgType: 'Alert',
    references: [],
    domain,
    category: ['Safety'],
    event: 'test event',
    headline: `${domain} ${input.sourceId}`,
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Observed',
    capStatus: 'Actual',
    region: '230100',
    sent: T0,
    classification: 'public',
    attributes: {},
    format: 'json',
    ...rest,
    point: { lon: at[0], lat: at[1] },
  });
}
