/**
 * The web-mode host (DESIGN §1): the same renderer, served over HTTP on
 * loopback for machines without the Electron runtime, wall displays and the
 * end-to-end tests. Plain Node; never imports `electron`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '@shared/csp';
import { serveStatic } from './staticFiles';

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
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const csp = contentSecurityPolicy();
  const server = createServer((req, res) => {
    serveStatic(options.rendererRoot, csp, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
