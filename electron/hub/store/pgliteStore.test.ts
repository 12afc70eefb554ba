import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, verifyChain } from '@shared/domain/chain';
import { draft } from '@shared/domain/events';
import { nativeSha256 } from '../engine';
import { PgliteStore } from './pgliteStore';

describe('PgliteStore', () => {
  it('stores events by COPY byte for byte, whatever their text holds, with the cursors of several feeds in one write', async () => {
    const store = await PgliteStore.open(mkdtempSync(join(tmpdir(), 'lw-store-')));
    try {
      const tricky = ['tab\there', 'line\nbreak\r\nwindows', 'back\\slash \\N \\. end\\', '"quotes" and 中文 🚒', '\u0000 nul \u2028 sep', 'ok'];
      const drafts = tricky.map((reason, i) => draft('alert.quarantined', 1_700_000_000_000 + i, 'system:hub', { feed: 'traffic', quarantineId: i + 1, reason }));
      const events = sealEvents(drafts, EMPTY_HEAD, nativeSha256);
      await store.appendIngest({ events, quarantine: [], cursors: [{ feed: 'traffic', lastSeq: 7 }, { feed: 'safety', lastSeq: 3 }] });

      const read = await store.readEvents(0, 100);
      expect(read).toEqual(events);
      expect(verifyChain(read, EMPTY_HEAD, nativeSha256)).toMatchObject({ ok: true, count: tricky.length });
      expect(await store.feedCursors()).toEqual(new Map([['traffic', 7], ['safety', 3]]));
    } finally {
      await store.close();
    }
  }, 180_000);
});
