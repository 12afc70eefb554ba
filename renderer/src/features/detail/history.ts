/**
 * An alert's life in the center as a timeline (pure): received, updated
 * (with its revisions), repeated, acknowledged or dismissed (who, when),
 * cancelled, superseded, expired, linked to an incident. Entries with a
 * time come in time order; the few without one (superseded, expired, which
 * the folded state does not date) come last.
 */
import type { Alert, Disposition } from '@shared/domain/model';

export type HistoryEntry =
  | { kind: 'received'; at: number; actor: string; sourceId: string }
  | { kind: 'updated'; at: number; actor: string; version: number; revisions: readonly string[] }
  | { kind: 'repeated'; at: number; count: number }
  | { kind: 'acknowledged'; at: number; actor: string }
  | { kind: 'dismissed'; at: number; actor: string; disposition: Disposition; reason?: string }
  | { kind: 'cancelled'; at: number; reason?: string }
  | { kind: 'superseded'; at?: undefined; by: string }
  | { kind: 'expired'; at?: number }
  | { kind: 'incident'; at?: undefined; incidentId: string };

export function alertHistory(alert: Alert): HistoryEntry[] {
  const source = `source:${alert.feed}`;
  const dated: HistoryEntry[] = [{ kind: 'received', at: alert.received, actor: source, sourceId: alert.revisions[0] ?? alert.sourceId }];
  if (alert.updated !== undefined && alert.revisions.length > 1) {
    dated.push({ kind: 'updated', at: alert.updated, actor: source, version: alert.version, revisions: alert.revisions });
  }
  if (alert.duplicates > 0 && alert.lastDuplicateAt !== undefined) dated.push({ kind: 'repeated', at: alert.lastDuplicateAt, count: alert.duplicates });
  if (alert.acknowledged) dated.push({ kind: 'acknowledged', at: alert.acknowledged.at, actor: alert.acknowledged.by });
  if (alert.dismissed) {
    const d = alert.dismissed;
    dated.push({ kind: 'dismissed', at: d.at, actor: d.by, disposition: d.disposition, ...(d.reason ? { reason: d.reason } : {}) });
  }
  if (alert.cancelled) dated.push({ kind: 'cancelled', at: alert.cancelled.at, ...(alert.cancelled.reason ? { reason: alert.cancelled.reason } : {}) });
  // A stable sort keeps "received" first when an update carries the same millisecond.
  dated.sort((a, b) => a.at! - b.at!);
  const undated: HistoryEntry[] = [];
  if (alert.supersededBy) undated.push({ kind: 'superseded', by: alert.supersededBy });
  if (alert.status === 'expired') undated.push({ kind: 'expired', ...(alert.expires !== undefined ? { at: alert.expires } : {}) });
  if (alert.incidentId) undated.push({ kind: 'incident', incidentId: alert.incidentId });
  return [...dated, ...undated];
}
