/**
 * The web-mode host (DESIGN §1): the same renderer, served over HTTP on
 * loopback for machines without the Electron runtime, wall displays and the
 * end-to-end tests. The hub is attached to the same server, so the page
 * talks to it on its own origin. Plain Node; never imports `electron`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '@shared/csp';
import type { HubInfo } from '@shared/ipc';
import { securityHeaders, serveStatic } from './staticFiles';

export interface WebHostOptions {
  /** Folder with the built renderer (`out/renderer`). */
  rendererRoot: string;
  /** Interface to bind; loopback unless a center deliberately serves a wall display. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
}

export interface WebHost {
  server: Server;
  url: string;
  /** What `/api/hub` answers; set once the hub is attached (or has failed). */
  setHubInfo(info: HubInfo): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, csp: string, status: number, body: unknown): void {
  res.writeHead(status, { ...securityHeaders(csp), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const csp = contentSecurityPolicy();
  let hubInfo: HubInfo = { url: '', mode: 'none', problem: 'the hub is starting', starting: true };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api/hub') return sendJson(res, csp, 200, hubInfo);
    if (path?.startsWith('/api/')) return sendJson(res, csp, 404, { error: `no such endpoint ${path}` });
    serveStatic(options.rendererRoot, csp, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
  };
  const server = createServer((req, res) => {
    // socket.io (attached by the hub) answers its own path.
    if (req.url?.startsWith('/socket.io/')) return;
    handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${hostForUrl}:${port}/`,
    setHubInfo: (info) => (hubInfo = info),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
