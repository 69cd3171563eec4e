/**
 * The messages the comparison webview may send, checked for their exact shape before the
 * extension host acts on one: anything else is dropped (and logged without its content).
 * Cells are named by key and column id, which the host looks up in what it drew.
 */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'copy'; readonly key: string; readonly column: string }
  | { readonly type: 'compare'; readonly key: string; readonly column: string };

/** Longer than any key (256) or column id the host makes. */
const maxText = 600;

/** The message if it has exactly one of the shapes of FromWebview; undefined otherwise. */
export function parseFromWebview(data: unknown): FromWebview | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  const message = data as Record<string, unknown>;
  const keys = Object.keys(message).sort().join(',');
  if (message.type === 'ready' || message.type === 'refresh') return keys === 'type' ? { type: message.type } : undefined;
  if (message.type === 'copy' || message.type === 'compare') {
    if (keys !== 'column,key,type' || !isText(message.key) || !isText(message.column)) return undefined;
    return { type: message.type, key: message.key, column: message.column };
  }
  return undefined;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxText;
}
