/**
 * `@agency` mentions in the note composer (pure). The hub finds mentions
 * with `mentionsIn` (shared/domain/decide.ts): an agency id or its short
 * Chinese or English name after `@`. The composer offers exactly those
 * names, so what the user picks is what the hub will recognise.
 */
import { AGENCIES, AGENCY_IDS, type AgencyId } from '@shared/domain/agencies';
import { mentionsIn } from '@shared/domain/decide';

export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** What was typed after it, up to the caret. */
  query: string;
}

/** The mention being typed at `caret`: an `@` followed by no space, or null. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (/\s/.test(query) || query.length > 20) return null;
  return { start: at, query };
}

/** Agencies whose id or short names start with (or contain) the query, best first. */
export function mentionCandidates(query: string): AgencyId[] {
  const q = query.toLowerCase();
  const scored: { id: AgencyId; score: number }[] = [];
  for (const id of AGENCY_IDS) {
    const names = [AGENCIES[id].short.zh, AGENCIES[id].short.en.toLowerCase(), id];
    const score = q === '' ? 1 : names.some((n) => n.startsWith(q)) ? 2 : names.some((n) => n.includes(q)) ? 1 : 0;
    if (score > 0) scored.push({ id, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.id);
}

/** The text with the mention at `query` replaced by `@name `, and where the caret goes. */
export function insertMention(text: string, query: MentionQuery, agency: AgencyId, lang: 'zh' | 'en'): { text: string; caret: number } {
  const name = `@${AGENCIES[agency].short[lang]} `;
  const end = query.start + 1 + query.query.length;
  return { text: text.slice(0, query.start) + name + text.slice(end), caret: query.start + name.length };
}

/** A note split into plain runs and `@mention` runs, for highlighting (rendered as text, never HTML). */
export function noteSegments(text: string): { text: string; mention: boolean }[] {
  const names = Object.values(AGENCIES)
    .flatMap((a) => [a.id, a.short.zh, a.short.en])
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`@(?:${names.join('|')})`, 'g');
  const out: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), mention: false });
    out.push({ text: m[0], mention: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), mention: false });
  return out;
}

export { mentionsIn };
