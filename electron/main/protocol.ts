/**
 * Serves the built renderer from `app://longwatch/` instead of `file://`, so
 * the page has a real origin, CSP `'self'` means the app's own files, and the
 * IPC sender check has one origin to compare against (Electron security
 * checklist: "use a custom protocol instead of file://").
 */
import { net, protocol } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '@shared/csp';
import { APP_SCHEME, appUrlToRelativePath } from './trust';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererRoot: string, connectOrigins: readonly string[]): void {
  const csp = contentSecurityPolicy({ connectOrigins });
  protocol.handle(APP_SCHEME, (request) => serveFile(rendererRoot, csp, request));
}

async function serveFile(rendererRoot: string, csp: string, request: Request): Promise<Response> {
  const relative = appUrlToRelativePath(request.url);
  if (relative === null) return new Response('Not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(join(rendererRoot, relative)).toString());
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}
