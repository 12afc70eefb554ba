/**
 * Protocol identity. Every handshake carries `protocol`; a peer speaking
 * another major version is refused with a message that says both versions,
 * instead of failing later on a message it cannot read.
 */
import { z } from 'zod';

export const PROTOCOL = 'longwatch/1';
export const protocolSchema = z.string().regex(/^longwatch\/\d+$/, 'protocol must look like longwatch/<major>');

export type Compatibility = { ok: true } | { ok: false; message: string };

export function checkProtocol(theirs: unknown): Compatibility {
  const parsed = protocolSchema.safeParse(theirs);
  if (!parsed.success) return { ok: false, message: `missing or malformed protocol (expected ${PROTOCOL})` };
  if (parsed.data !== PROTOCOL) return { ok: false, message: `incompatible protocol ${parsed.data}; this peer speaks ${PROTOCOL}` };
  return { ok: true };
}

/** Transport limits, shared by both ends so they agree. */
export const WIRE_LIMITS = {
  /** socket.io `maxHttpBufferSize`: one message, bytes. */
  maxMessageBytes: 4 * 1024 * 1024,
  /** Items in one feed `alerts` batch. */
  feedBatch: 500,
  /** Events in one hub → workstation `events` batch. */
  eventsBatch: 1000,
  /**
   * Feed items in flight: a feed sends at most this many beyond the last
   * acknowledgement, and the hub holds as many received-but-unsaved items per
   * feed before it drops the connection (fewer made every backlog resume overflow).
   */
  feedWindow: 25_000,
  /** Bytes of one alert body (Longwatch JSON serialized, or CAP XML with embedded resources). */
  alertBodyBytes: 1024 * 1024,
  tokenLength: 512,
  /** Accounts in the directory sent at sign-in (`loginResponseSchema`). */
  directory: 5000,
} as const;
