import { describe, expect, it } from 'vitest';
import type { NotifyRequest } from '@shared/ipc';
import type { User } from '@shared/domain/roles';
import { alert, incident, zhT } from '../board/testing';
import { NotificationPacer, PER_WINDOW, SUMMARY_EVERY_MS, WINDOW_MS, type PacerClock } from './pacer';
import { alertCandidate, incidentCandidates, type Candidate } from './policy';

const commander: User = { name: 'commander', displayName: '陈琦', role: 'commander' };
const words = { t: zhT, lang: 'zh' as const };
let n = 0;
const red = (): Candidate => alertCandidate(alert({ id: `traffic:r${++n}`, severity: 'Severe', headline: `红 ${n}` }), commander)!;

/** A hand-driven clock: `advance` runs the timers that fall due, in order. */
function manualClock(): PacerClock & { advance(ms: number): void } {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => now,
    later(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((x) => x !== timer));
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((x) => x !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

function setup(): { shown: NotifyRequest[]; pacer: NotificationPacer; clock: ReturnType<typeof manualClock> } {
  const shown: NotifyRequest[] = [];
  const clock = manualClock();
  return { shown, clock, pacer: new NotificationPacer((r) => shown.push(r), clock) };
}

describe('NotificationPacer', () => {
  it('lets a few through one by one and passes quiet times untouched', () => {
    const { shown, pacer, clock } = setup();
    pacer.offer([red()], words);
    clock.advance(20_000);
    pacer.offer([red(), red()], words);
    expect(shown.map((s) => s.tag.startsWith('alert:'))).toEqual([true, true, true]);
    clock.advance(60_000);
    expect(shown).toHaveLength(3);
  });

  it('holds a flood to PER_WINDOW a window and one summary, replaced at most every SUMMARY_EVERY_MS with the whole count', () => {
    const { shown, pacer, clock } = setup();
    // Ten deltas a second for 3 s, four red alerts each: 120 candidates.
    for (let i = 0; i < 30; i++) {
      pacer.offer([red(), red(), red(), red()], words);
      clock.advance(100);
    }
    const singles = shown.filter((s) => s.tag.startsWith('alert:'));
    const summaries = shown.filter((s) => s.tag === 'summary');
    expect(singles).toHaveLength(PER_WINDOW);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.title).toBe(`另有 ${4 - PER_WINDOW} 条新的预警或事件`);
    clock.advance(SUMMARY_EVERY_MS);
    expect(shown.filter((s) => s.tag === 'summary').at(-1)!.title).toBe(`另有 ${120 - PER_WINDOW} 条新的预警或事件`);
    expect(shown).toHaveLength(PER_WINDOW + 2);
    // Once the window has passed, single ones go out again; a later burst counts afresh.
    clock.advance(WINDOW_MS);
    pacer.offer([red(), red(), red(), red(), red()], words);
    expect(shown.slice(-PER_WINDOW - 1).map((s) => s.tag.startsWith('alert:'))).toEqual([true, true, true, false]);
    expect(shown.at(-1)!.title).toBe('另有 2 条新的预警或事件');
  });

  it('spends the window on escalations first and marks a summary holding one critical', () => {
    const { shown, pacer } = setup();
    const escalations = [1, 2, 3, 4].map((i) => incidentCandidates(incident({ id: `I${i}`, no: i, overdue: true }), undefined, commander)[0]!);
    pacer.offer([red(), red(), ...escalations], words);
    expect(shown.slice(0, PER_WINDOW).map((s) => s.tag)).toEqual(['escalation:I1', 'escalation:I2', 'escalation:I3']);
    expect(shown[PER_WINDOW]).toMatchObject({ tag: 'summary', critical: true, target: { kind: 'incident', id: 'I4' } });
  });

  it('drops a pending summary when stopped', () => {
    const { shown, pacer, clock } = setup();
    pacer.offer([red(), red(), red(), red()], words);
    pacer.offer([red()], words);
    const before = shown.length;
    pacer.stop();
    clock.advance(SUMMARY_EVERY_MS * 2);
    expect(shown).toHaveLength(before);
  });
});
