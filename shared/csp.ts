/**
 * The Content-Security-Policy served with the renderer, by the Electron `app:`
 * protocol and by the web-mode host alike (DESIGN §6).
 *
 * - no remote code: scripts only from the app's own origin, no eval;
 * - `worker-src blob:` because MapLibre starts its workers from blob URLs;
 * - `connect-src` adds the hub's origins (socket.io: http polling + websocket),
 *   which are loopback or a center's configured hub, never the open internet.
 */
export interface CspOptions {
  /** Extra origins the renderer may connect to, e.g. `http://127.0.0.1:4781`. */
  connectOrigins?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'"];
  for (const origin of options.connectOrigins ?? []) {
    connect.push(origin);
    if (origin.startsWith('http://')) connect.push('ws://' + origin.slice('http://'.length));
    if (origin.startsWith('https://')) connect.push('wss://' + origin.slice('https://'.length));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
