import type { Command } from '../backends/backend';
import { cancelValueEditor, sendValueEditor } from '../platform/valueEditor';

/** The title-bar actions of the "Enter in Editor…" editor (src/platform/valueEditor.ts). */
export const sendValue: Command = {
  id: 'projectSecrets.sendValue',
  run: (_services, uri?: unknown) => sendValueEditor(uri as never),
};

export const cancelValue: Command = {
  id: 'projectSecrets.cancelValue',
  run: (_services, uri?: unknown) => cancelValueEditor(uri as never),
};
