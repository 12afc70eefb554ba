/**
 * The one way to register an IPC handler (STYLE §4). It
 * - refuses calls from any frame that is not the top frame of one of the
 *   app's own pages (`forbidden-sender`),
 * - validates the request against the channel's schema (`invalid-request`),
 * - turns anything the handler throws into a `failed` result value, so the
 *   renderer's `invoke` never rejects.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  IPC_CHANNELS,
  IPC_EVENTS,
  type IpcChannel,
  type IpcEvent,
  type IpcEventPayload,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
} from '@shared/ipc';
import { isAppUrl } from './trust';

type Handler<C extends IpcChannel> = (
  request: IpcRequest<C>,
  event: IpcMainInvokeEvent,
) => IpcResponse<C> | Promise<IpcResponse<C>>;

function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, process.env['ELECTRON_RENDERER_URL']);
}

export function handle<C extends IpcChannel>(channel: C, handler: Handler<C>): void {
  const schema = IPC_CHANNELS[channel];
  ipcMain.handle(channel, async (event, raw: unknown): Promise<IpcResult<IpcResponse<C>>> => {
    if (!senderIsTrusted(event)) {
      return { ok: false, error: { code: 'forbidden-sender', message: `${channel}: caller is not the app's own page` } };
    }
    const parsed = schema.request.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${parsed.error.message}` } };
    }
    try {
      const value = await handler(parsed.data as IpcRequest<C>, event);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: { code: 'failed', message: e instanceof Error ? e.message : String(e) } };
    }
  });
}

/** Sends a declared event to one renderer, validated against its schema first. */
export function send<E extends IpcEvent>(target: WebContents, event: E, payload: IpcEventPayload<E>): void {
  const value = IPC_EVENTS[event].parse(payload);
  if (!target.isDestroyed()) target.send(event, value);
}
