/**
 * Feed administration on the workstation socket: `feeds` requests (see
 * shared/protocol/feedAdmin.ts) from signed-in sockets of the main
 * namespace, answered through the ack. The session was checked when the
 * socket connected (server/workstations.ts); the role is checked per
 * request by the registry.
 */
import type { Namespace, Socket } from 'socket.io';
import type { User } from '@shared/domain/roles';
import { FEED_ADMIN_EVENT, type FeedAdminResult } from '@shared/protocol/feedAdmin';
import type { Logger } from '../log';
import type { FeedRegistry } from './feedRegistry';

export function attachFeedAdmin(namespace: Namespace, registry: FeedRegistry, log: Logger): void {
  const listen = (socket: Socket): void => {
    socket.on(FEED_ADMIN_EVENT, (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: FeedAdminResult) => void;
      const user = (socket.data as { user?: User }).user;
      if (!user) return reply({ ok: false, code: 'forbidden', message: 'not signed in' });
      registry.handle(user, raw).then(reply, (e: unknown) => {
        log.error({ err: e, user: user.name }, 'feed administration failed');
        reply({ ok: false, code: 'unavailable', message: 'the hub could not answer; nothing was changed — try again' });
      });
    });
  };
  for (const socket of namespace.sockets.values()) listen(socket);
  namespace.on('connection', listen);
}
