import { describe, expect, it } from 'vitest';
import { boardActionForKey } from '../board/boardKeys';
import { SHORTCUTS } from './shortcuts';

/** What a key on the help sheet is called on the keyboard. */
const KEY_NAMES: Record<string, string> = { '↓': 'ArrowDown', '↑': 'ArrowUp', PgDn: 'PageDown', PgUp: 'PageUp', Esc: 'Escape' };

describe('shortcut help', () => {
  it('lists only keys the board answers to', () => {
    for (const group of SHORTCUTS) {
      if (group.group === 'replay') continue; // answered by features/replay (its own test)
      for (const s of group.shortcuts) {
        if (s.action === 'disposition') continue; // answered by the dismiss picker
        const keys = s.keys[0] === 'Shift' ? [s.keys[1]!] : s.keys;
        for (const k of keys) expect(boardActionForKey({ key: KEY_NAMES[k] ?? k }), `${s.action}: ${k}`).not.toBeNull();
      }
    }
  });
});
