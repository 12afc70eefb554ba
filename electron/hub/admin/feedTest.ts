/**
 * "Test the connection" (issue 9): one socket.io connection from the hub to
 * a feed URL with a token, as the feed connector would open it, closed as
 * soon as the feed answers. The hub tests, not the workstation: the hub is
 * where the feed must be reachable from, and the token stays at the hub.
 */
import { io } from 'socket.io-client';
import type { FeedTestResult } from '@shared/protocol/feedAdmin';
import { PROTOCOL, WIRE_LIMITS } from '@shared/protocol/version';

export interface FeedTestOptions {
  /** Give up after this long, ms. */
  timeoutMs?: number;
  /** `auth.after`: the hub's cursor for the feed, so the feed offers no more than the connector would. */
  after?: number;
}

export function testFeedConnection(url: string, token: string, options: FeedTestOptions = {}): Promise<FeedTestResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  const socket = io(url, {
    auth: { protocol: PROTOCOL, token, after: options.after ?? 0 },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    ...({ maxPayload: WIRE_LIMITS.maxMessageBytes } as object),
  });
  return new Promise<FeedTestResult>((resolve) => {
    let done = false;
    const finish = (result: FeedTestResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout', latencyMs: elapsed(), message: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('connect', () => finish({ outcome: 'reachable', latencyMs: elapsed() }));
    socket.on('connect_error', (err: Error & { type?: string; description?: unknown }) => {
      // A feed that refuses the handshake answers with its reason (socket.io middleware error);
      // a network failure comes from the transport.
      if (err.type === 'TransportError') {
        const cause = (err.description as { message?: string; error?: { message?: string } } | undefined)?.error?.message ?? (err.description as { message?: string } | undefined)?.message;
        finish({ outcome: 'unreachable', latencyMs: elapsed(), message: (cause ?? err.message).slice(0, 1000) });
      } else if (/timeout/i.test(err.message) && !('data' in err)) {
        finish({ outcome: 'timeout', latencyMs: elapsed(), message: err.message });
      } else {
        finish({ outcome: 'refused', latencyMs: elapsed(), message: err.message.slice(0, 1000) });
      }
    });
  });
}
