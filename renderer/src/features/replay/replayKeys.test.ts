import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../shortcuts/shortcuts';
import { replayActionForKey } from './replayKeys';

const KEY_NAMES: Record<string, string> = { Esc: 'Escape', Space: ' ' };

describe('replay keys', () => {
  it('answers every key the help lists for replay', () => {
    const group = SHORTCUTS.find((g) => g.group === 'replay')!;
    for (const s of group.shortcuts) {
      const replaying = s.action !== 'replayEnter';
      for (const k of s.keys) expect(replayActionForKey({ key: KEY_NAMES[k] ?? k }, replaying), `${s.action}: ${k}`).not.toBeNull();
    }
  });

  it('enters only from live and leaves only from replay; modifiers are left to others', () => {
    expect(replayActionForKey({ key: 'r' }, false)).toEqual({ type: 'enter' });
    expect(replayActionForKey({ key: 'r' }, true)).toBeNull();
    expect(replayActionForKey({ key: 'Escape' }, false)).toBeNull();
    expect(replayActionForKey({ key: 'l' }, true)).toEqual({ type: 'exit' });
    expect(replayActionForKey({ key: '.' }, true)).toEqual({ type: 'step', direction: 1 });
    expect(replayActionForKey({ key: 'r', ctrlKey: true }, false)).toBeNull();
  });
});
