import { describe, expect, it } from 'vitest';
import { EMPTY_FEED_FORM, formOf, requestOf, testRequestOf, type FeedFormValues } from './feedForm';

const good: FeedFormValues = { id: 'river', nameZh: '松花江水质', nameEn: 'Songhua water', domain: 'ecology', url: 'http://10.1.2.3:7001', token: 'a-long-agency-token', maxRate: '200' };

describe('feed form', () => {
  it('turns a complete form into an add request with the token', () => {
    expect(requestOf(good, 'add')).toEqual({
      ok: true,
      request: { op: 'add', token: 'a-long-agency-token', feed: { id: 'river', name: { zh: '松花江水质', en: 'Songhua water' }, domain: 'ecology', url: 'http://10.1.2.3:7001', maxRate: 200 } },
    });
  });

  it('names every wrong field of an empty form, and keeps the values', () => {
    const values = { ...EMPTY_FEED_FORM, maxRate: '' };
    const r = requestOf(values, 'add');
    expect(r).toEqual({ ok: false, errors: { id: 'id', nameZh: 'nameZh', nameEn: 'nameEn', domain: 'domain', url: 'url', token: 'token', maxRate: 'maxRate' } });
    expect(values.maxRate).toBe('');
  });

  it('tells a URL with credentials from a malformed one, and refuses a bad id and rate', () => {
    expect(requestOf({ ...good, url: 'http://user:pw@10.1.2.3:7001' }, 'add')).toEqual({ ok: false, errors: { url: 'urlCredentials' } });
    expect(requestOf({ ...good, url: 'ftp://10.1.2.3' }, 'add')).toEqual({ ok: false, errors: { url: 'url' } });
    expect(requestOf({ ...good, id: 'River 1' }, 'add')).toEqual({ ok: false, errors: { id: 'id' } });
    expect(requestOf({ ...good, maxRate: '-5' }, 'add')).toEqual({ ok: false, errors: { maxRate: 'maxRate' } });
    expect(requestOf({ ...good, token: ' padded-token ' }, 'add')).toEqual({ ok: false, errors: { token: 'token' } });
  });

  it('edits without a token keep the stored one; a typed token must be valid', () => {
    const edit = formOf({ id: 'river', name: { zh: '松花江水质', en: 'Songhua water' }, domain: 'ecology', url: 'http://10.1.2.3:7001', maxRate: 200, origin: 'hub', token: { set: true, last4: 'oken' } });
    expect(edit.token).toBe('');
    const r = requestOf(edit, 'edit');
    expect(r).toMatchObject({ ok: true, request: { op: 'edit' } });
    expect(r.ok && 'token' in r.request).toBe(false);
    expect(requestOf({ ...edit, token: 'short' }, 'edit')).toEqual({ ok: false, errors: { token: 'token' } });
  });

  it('tests with the typed token, or when editing with the id (the hub uses its stored token)', () => {
    expect(testRequestOf(good, 'add')).toEqual({ ok: true, request: { op: 'test', url: 'http://10.1.2.3:7001', token: 'a-long-agency-token' } });
    expect(testRequestOf({ ...good, token: '' }, 'add')).toEqual({ ok: false, errors: { token: 'token' } });
    expect(testRequestOf({ ...good, token: '' }, 'edit')).toEqual({ ok: true, request: { op: 'test', url: 'http://10.1.2.3:7001', id: 'river' } });
  });
});
