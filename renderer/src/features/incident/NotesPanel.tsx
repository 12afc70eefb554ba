import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCIES, type AgencyId } from '@shared/domain/agencies';
import type { Incident } from '@shared/domain/model';
import type { OutboxEntry } from '../../live/types';
import { useLiveSelect, useLiveStore } from '../../live/useLive';
import { useLang } from '../board/badges';
import { actorName, type Translate } from '../board/commandText';
import { beijingDateTime } from '../board/format';
import { may, runIncidentCommand } from './incidentCommands';
import { insertMention, mentionCandidates, mentionQueryAt, noteSegments, type MentionQuery } from './mentions';
import { usePeople } from '../board/usePeople';

/** A note's text with its `@agency` mentions highlighted (text runs, never HTML). */
function NoteText({ text }: { text: string }): React.JSX.Element {
  return (
    <>
      {noteSegments(text).map((s, i) =>
        s.mention ? (
          <span key={i} className="note-mention">
            {s.text}
          </span>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/**
 * Append-only notes and the composer. Typing `@` offers the agencies by
 * short name (↑/↓, Enter or Tab to pick); the hub finds the mentions and
 * their desks are notified (features/notify/incidentNotices).
 */
export function NotesPanel({ incident, pending }: { incident: Incident; pending: readonly OutboxEntry[] }): React.JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  const store = useLiveStore();
  const people = usePeople();
  const user = useLiveSelect((s) => s.user);
  const tr: Translate = (key, values) => t(key, values ?? {});
  const [text, setText] = useState('');
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const canWrite = may(user, 'incident.addNote', incident);
  const options: AgencyId[] = query ? mentionCandidates(query.query) : [];
  const sending = pending.filter((e) => e.type === 'incident.addNote');

  const track = (value: string, caret: number): void => {
    setText(value);
    const q = mentionQueryAt(value, caret);
    setQuery(q);
    setActive(0);
  };
  const pick = (agency: AgencyId): void => {
    if (!query) return;
    const r = insertMention(text, query, agency, lang);
    setText(r.text);
    setQuery(null);
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(r.caret, r.caret);
    });
  };
  const submit = (): void => {
    if (!text.trim()) return;
    void runIncidentCommand(store, 'incident.addNote', { incidentId: incident.id, text: text.trim() }, `#${incident.no} ${incident.title}`);
    setText('');
    setQuery(null);
  };

  return (
    <section className="detail-section incident-notes" data-testid="incident-notes">
      <h4 title={t('incident.notes.appendOnly')}>
        {t('incident.notes.title')} <span className="muted lw-num">{incident.notes.length}</span>
      </h4>
      {incident.notes.length === 0 && sending.length === 0 && <p className="muted">{t('incident.notes.none')}</p>}
      <ol className="note-list">
        {incident.notes.map((n) => (
          <li key={n.seq} className="note" data-testid="note-row" data-seq={n.seq}>
            <span className="note-head">
              <strong>{actorName(n.by, people, tr)}</strong>
              <span className="muted lw-num">{beijingDateTime(n.at)}</span>
            </span>
            <span className="note-text">
              <NoteText text={n.text} />
            </span>
          </li>
        ))}
        {sending.map((e) => (
          <li key={e.id} className="note note-pending" data-testid="note-pending">
            <span className="note-head">
              <strong>{user?.displayName}</strong>
              <span className="lw-pill lw-pill-pending">
                <span className="lw-spinner" aria-hidden />
                {t(`command.outbox.${e.status}`)}
              </span>
            </span>
            <span className="note-text">{(e.body as { text: string }).text}</span>
          </li>
        ))}
      </ol>
      {canWrite && (
        <form
          className="note-composer"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <textarea
            ref={input}
            className="lw-input"
            rows={2}
            maxLength={4000}
            value={text}
            placeholder={t('incident.notes.placeholder')}
            aria-label={t('incident.notes.title')}
            aria-autocomplete="list"
            aria-expanded={options.length > 0}
            data-testid="note-input"
            onChange={(e) => track(e.target.value, e.target.selectionStart)}
            onKeyDown={(e) => {
              if (options.length > 0) {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
                  return;
                }
                if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
                  e.preventDefault();
                  pick(options[active] ?? options[0]!);
                  return;
                }
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setQuery(null);
                  return;
                }
              }
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
          />
          {options.length > 0 && (
            <ul className="mention-options" role="listbox" aria-label={t('incident.notes.mentionList')} data-testid="mention-options">
              {options.map((a, i) => (
                <li key={a} role="option" aria-selected={i === active}>
                  <button type="button" data-testid="mention-option" data-agency={a} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(a)}>
                    <strong>@{AGENCIES[a].short[lang]}</strong> <span className="muted">{AGENCIES[a].name[lang]}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="submit" className="lw-btn lw-btn-sm lw-btn-primary" disabled={!text.trim()} data-testid="note-send">
            {t('incident.notes.send')}
          </button>
        </form>
      )}
    </section>
  );
}
