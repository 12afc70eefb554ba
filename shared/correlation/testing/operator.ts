/**
 * TEST SUPPORT ONLY: the operator acts that random runs mix into feed traffic
 * (`property.test.ts`, `topicCounts.test.ts`), drafted against the current
 * state so that each one applies: the properties are about correlation and
 * the index, not about refusals.
 */
import { draft, type EventDraft } from '../../domain/events';
import type { State } from '../../domain/state';
import { isOpenIncident } from '../incidentIndex';

/** The operator acting in random runs. */
export const OPERATOR = 'user:commander' as const;

/** An operator act, its targets chosen by `pick` and `other` (taken modulo the candidates). */
export interface OperatorStep {
  act: 'close' | 'reopen' | 'merge' | 'unlink' | 'link';
  pick: number;
  other: number;
}

/** The act as a draft that applies to `state`, or undefined if it has nothing to act on. Incidents are picked in number order. */
export function operatorDraft(state: State, step: OperatorStep, time: number): EventDraft | undefined {
  const incidents = [...state.incidents.values()].sort((a, b) => a.no - b.no);
  const open = incidents.filter(isOpenIncident);
  const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
  switch (step.act) {
    case 'close': {
      const i = pick(open, step.pick);
      return i && draft('incident.closed', time, OPERATOR, { incidentId: i.id, disposition: 'resolved', summary: 'done' });
    }
    case 'reopen': {
      const i = pick(incidents.filter((x) => x.status === 'closed' && !x.mergedInto), step.pick);
      return i && draft('incident.reopened', time, OPERATOR, { incidentId: i.id, reason: 'again' });
    }
    case 'merge': {
      const into = pick(open, step.pick);
      const from = pick(open.filter((x) => x !== into), step.other);
      return into && from && draft('incident.merged', time, OPERATOR, { incidentId: into.id, from: from.id });
    }
    case 'unlink': {
      const i = pick(open.filter((x) => x.alerts.length > 0), step.pick);
      return i && draft('incident.alertUnlinked', time, OPERATOR, { incidentId: i.id, alertId: i.alerts[step.other % i.alerts.length]! });
    }
    case 'link': {
      // Any alert, linked elsewhere (open or closed incident) or not: the operator moves it.
      const i = pick(open, step.pick);
      const a = i && pick([...state.alerts.values()].filter((x) => x.incidentId !== i.id).sort((x, y) => x.receivedSeq - y.receivedSeq), step.other);
      return i && a && draft('incident.alertLinked', time, OPERATOR, { incidentId: i.id, alertId: a.id });
    }
  }
}
