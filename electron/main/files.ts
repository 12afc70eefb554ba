/**
 * Saving files the renderer produced (exports, reports) and printing the
 * caller's page to PDF. Both open the save dialog on the caller's own window
 * and write only where the user chose.
 */
import { BrowserWindow, dialog, type SaveDialogOptions, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { SavedFile } from '@shared/ipc';
import { handle } from './ipc';

interface Filter {
  name: string;
  extensions: string[];
}

async function askWhere(sender: WebContents, suggestedName: string, filters: Filter[] | undefined): Promise<string | null> {
  const options: SaveDialogOptions = { defaultPath: suggestedName, properties: ['createDirectory', 'showOverwriteConfirmation'] };
  if (filters && filters.length > 0) options.filters = filters;
  const win = BrowserWindow.fromWebContents(sender);
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function saveTo(sender: WebContents, suggestedName: string, filters: Filter[] | undefined, data: string | Uint8Array): Promise<SavedFile> {
  const path = await askWhere(sender, suggestedName, filters);
  if (path === null) return { saved: false };
  await writeFile(path, data);
  return { saved: true, path };
}

export function registerFileHandlers(): void {
  handle('FILE_SAVE', ({ suggestedName, data, filters }, event) => saveTo(event.sender, suggestedName, filters, data));
  handle('FILE_PRINT_TO_PDF', async ({ suggestedName }, event) => {
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true });
    const name = /\.pdf$/i.test(suggestedName) ? suggestedName : `${suggestedName}.pdf`;
    return saveTo(event.sender, name, [{ name: 'PDF', extensions: ['pdf'] }], pdf);
  });
}
