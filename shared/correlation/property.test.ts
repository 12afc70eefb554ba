/**
 * Random runs of feed messages and operator acts: correlation never throws,
 * the reducer never refuses what it emits, and the index kept by `apply`
 * answers exactly like one rebuilt from the final state (nearest incidents
 * and the look-back's alerts by place).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../domain/agencies';
import type { Incident } from '../domain/model';
import { applyEvent } from '../domain/reduce';
import { sealEvents } from '../domain/chain';
import { compatible, DEFAULT_CORRELATION_CONFIG } from './config';
import { IncidentIndex } from './incidentIndex';
import { MessageBook, pointOf, runArbitrary, type Step } from './testing/arbitraries';
import { operatorDraft } from './testing/operator';
import { Harness, MINUTE, T0 } from './testing/harness';

function run(steps: Step[]): { hub: Harness; probes: { lon: number; lat: number }[] } {
  const hub = new Harness();
  const book = new MessageBook();
  const probes: { lon: number; lat: number }[] = [];
  let time = T0;
  for (const step of steps) {
    time += 3 * MINUTE;
    if (step.kind === 'wait') {
      time += step.minutes * MINUTE;
      continue;
    }
    if (step.kind === 'operator') {
      const d = operatorDraft(hub.state, step, time);
      if (d) {
        // The generator only picks applicable acts; make sure, so a refusal is blamed on correlation alone.
        expect(applyEvent(hub.state, sealEvents([d], hub.state)[0]!).ok).toBe(true);
        hub.commit([d]);
      }
      continue;
    }
    const content = book.messageOf(step, time);
    if (!content) continue;
    probes.push(content.point);
    if (step.kind === 'new') probes.push({ lon: pointOf(step.place)[0] + 0.2, lat: pointOf(step.place)[1] - 0.1 });
    // Harness.commit throws if the reducer refuses any emitted event.
    hub.feed(content, time);
  }
  return { hub, probes };
}

describe('correlation over random runs', () => {
  it('emits only applicable events and keeps the index in step with the state', () => {
    fc.assert(
      fc.property(runArbitrary(60), (steps) => {
        const { hub, probes } = run(steps);
        expect(hub.state.rejected).toBe(0);
        const rebuilt = IncidentIndex.fromState(hub.state);
        expect(hub.index.size).toBe(rebuilt.size);
        const oldest = hub.state.time - DEFAULT_CORRELATION_CONFIG.windowMinutes * MINUTE;
        for (const point of probes) {
          for (const radiusKm of [5, 25, 80]) {
            expect(hub.index.nearest(hub.state, { point, radiusKm })).toEqual(rebuilt.nearest(hub.state, { point, radiusKm }));
            const since = hub.state.time - DEFAULT_CORRELATION_CONFIG.lookBackMinutes * MINUTE;
            expect(hub.index.recentNear(point, radiusKm, 3, since, DOMAINS)).toEqual(rebuilt.recentNear(point, radiusKm, 3, since, DOMAINS));
            expect(hub.index.recentNear(point, radiusKm, 20, since, ['safety'])).toEqual(rebuilt.recentNear(point, radiusKm, 20, since, ['safety']));
          }
          for (const domain of DOMAINS) {
            const accept = (i: Incident) => i.updatedAt >= oldest && compatible(DEFAULT_CORRELATION_CONFIG.matrix, domain, i.domains);
            expect(hub.index.nearest(hub.state, { point, radiusKm: 25, accept })).toEqual(rebuilt.nearest(hub.state, { point, radiusKm: 25, accept }));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('actually exercises the interesting paths', () => {
    // Guards the generator: a run of the property that never links, merges or supersedes proves little.
    const seen = new Set<string>();
    fc.assert(
      fc.property(runArbitrary(60), (steps) => {
        for (const e of run(steps).hub.log) seen.add(e.type);
      }),
      { numRuns: 100, seed: 42 },
    );
    for (const type of ['incident.opened', 'incident.alertLinked', 'incident.merged', 'incident.closed', 'incident.reopened', 'incident.alertUnlinked', 'alert.updated', 'alert.superseded', 'alert.cancelled', 'alert.repeated']) {
      expect(seen, type).toContain(type);
    }
  });
});
