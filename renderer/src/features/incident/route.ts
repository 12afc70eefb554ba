/**
 * `#/incident/<incidentId>`: one incident's view as the whole desk, without
 * the province map and the board. For a duty officer who works one joint
 * incident for their agency, or a second screen beside the workspace; the
 * session, live store and outbox are the same as the workspace's.
 */
import { useHash } from '../shell/useHash';

export const INCIDENT_ROUTE = '#/incident/';

export function incidentHash(incidentId: string): string {
  return `${INCIDENT_ROUTE}${encodeURIComponent(incidentId)}`;
}

/** The incident id of an `#/incident/<id>` hash, or null for any other hash (or a malformed id). */
export function parseIncidentHash(hash: string): string | null {
  if (!hash.startsWith(INCIDENT_ROUTE)) return null;
  const id = hash.slice(INCIDENT_ROUTE.length).split('?')[0] ?? '';
  if (id === '') return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return null;
  }
}

/** The incident of the current `#/incident/<id>` URL, or null; follows hash changes. */
export function useIncidentRoute(): string | null {
  return parseIncidentHash(useHash());
}
