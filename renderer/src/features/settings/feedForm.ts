/**
 * The add/edit form of an agency feed (settings → 数据源), checked with the
 * same schemas the hub applies (shared/protocol/feedAdmin.ts), so a mistake
 * is named at its field before anything is sent, and nothing typed is lost.
 */
import type { Domain } from '@shared/domain/agencies';
import { feedSettingsSchema, feedTokenSchema, type FeedAdminRequestInput, type FeedView } from '@shared/protocol/feedAdmin';

export interface FeedFormValues {
  id: string;
  nameZh: string;
  nameEn: string;
  domain: Domain | '';
  url: string;
  /** Empty on edit: keep the stored token. */
  token: string;
  /** As typed. */
  maxRate: string;
}

export type FeedField = 'id' | 'nameZh' | 'nameEn' | 'domain' | 'url' | 'token' | 'maxRate';
/** i18n key under `feedAdmin.error` per field. */
export type FeedFormErrors = Partial<Record<FeedField, 'id' | 'nameZh' | 'nameEn' | 'domain' | 'url' | 'urlCredentials' | 'token' | 'maxRate'>>;

export const EMPTY_FEED_FORM: FeedFormValues = { id: '', nameZh: '', nameEn: '', domain: '', url: '', token: '', maxRate: '5000' };

export function formOf(feed: FeedView): FeedFormValues {
  return { id: feed.id, nameZh: feed.name.zh, nameEn: feed.name.en, domain: feed.domain, url: feed.url, token: '', maxRate: String(feed.maxRate) };
}

/** The request to send, or the fields that are wrong. */
export function requestOf(values: FeedFormValues, mode: 'add' | 'edit'): { ok: true; request: FeedAdminRequestInput } | { ok: false; errors: FeedFormErrors } {
  const errors: FeedFormErrors = {};
  const rate = values.maxRate.trim() === '' ? Number.NaN : Number(values.maxRate);
  const settings = feedSettingsSchema.safeParse({
    id: values.id.trim(),
    name: { zh: values.nameZh, en: values.nameEn },
    domain: values.domain === '' ? undefined : values.domain,
    url: values.url,
    maxRate: rate,
  });
  if (!settings.success) {
    for (const issue of settings.error.issues) {
      const [head, sub] = issue.path;
      if (head === 'id') errors.id ??= 'id';
      else if (head === 'name') errors[sub === 'en' ? 'nameEn' : 'nameZh'] ??= sub === 'en' ? 'nameEn' : 'nameZh';
      else if (head === 'domain') errors.domain ??= 'domain';
      else if (head === 'url') errors.url ??= /user name or password/.test(issue.message) ? 'urlCredentials' : 'url';
      else if (head === 'maxRate') errors.maxRate ??= 'maxRate';
    }
  }
  const token = values.token;
  const tokenGiven = token !== '';
  if ((mode === 'add' || tokenGiven) && !feedTokenSchema.safeParse(token).success) errors.token = 'token';
  if (!settings.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const feed = settings.data;
  if (mode === 'add') return { ok: true, request: { op: 'add', feed, token } };
  return { ok: true, request: { op: 'edit', feed, ...(tokenGiven ? { token } : {}) } };
}

/** The connection test of what the form holds: with the typed token, else (editing) the one the hub keeps. */
export function testRequestOf(values: FeedFormValues, mode: 'add' | 'edit'): { ok: true; request: FeedAdminRequestInput } | { ok: false; errors: FeedFormErrors } {
  const errors: FeedFormErrors = {};
  const url = feedSettingsSchema.shape.url.safeParse(values.url);
  if (!url.success) errors.url = url.error.issues.some((i) => /user name or password/.test(i.message)) ? 'urlCredentials' : 'url';
  if ((mode === 'add' || values.token !== '') && !feedTokenSchema.safeParse(values.token).success) errors.token = 'token';
  if (!url.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: { op: 'test', url: url.data, ...(values.token !== '' ? { token: values.token } : {}), ...(mode === 'edit' ? { id: values.id } : {}) },
  };
}
