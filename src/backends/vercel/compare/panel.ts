import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildMatrix, type Matrix } from '../../../core/compare/matrix';
import { parseFromWebview, type FromWebview } from '../../../core/compare/messages';
import { isCancellation } from '../../../core/errors';
import { reportError } from '../../../platform/errorBoundary';
import type { Services } from '../../backend';
import { compareValues, copyTo } from './actions';
import type { Comparison } from './comparison';
import { viewModel, type ToWebview, type ViewModel } from './view';

/** This extension's id (package.json publisher.name): its media folder is the only thing the webview may load. */
const extensionId = 'project-secrets.project-secrets';
const viewType = 'projectSecrets.compare';

/**
 * The comparison editor: a webview panel per comparison (revealed again when already open),
 * with a strict Content-Security-Policy (nothing but media/compare.{js,css}, the script by
 * nonce), drawing the matrix that the extension host computed. The webview gets each cell's
 * state and equality group, never a value or a digest. Every message it sends is checked
 * (core/compare/messages.ts); anything else is dropped and logged without its content.
 */
export class ComparePanel {
  private static readonly open = new Map<string, ComparePanel>();
  private readonly panel: vscode.WebviewPanel;
  private last: ToWebview | undefined;
  private matrix: Matrix | undefined;
  private loading: AbortController | undefined;
  private busy = false;
  /** Settles when the latest read has been drawn (or failed and said so). */
  loaded: Promise<void>;

  /** Opens the comparison, or reveals the panel already showing it; resolves once it is drawn. */
  static async show(services: Services, comparison: Comparison): Promise<ComparePanel> {
    const shown = ComparePanel.open.get(comparison.id);
    if (shown) {
      shown.panel.reveal();
      return shown;
    }
    const created = new ComparePanel(services, comparison);
    await created.loaded;
    return created;
  }

  private constructor(private readonly services: Services, readonly comparison: Comparison) {
    const media = vscode.Uri.joinPath(vscode.extensions.getExtension(extensionId)!.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(viewType, comparison.title, vscode.ViewColumn.Active, {
      enableScripts: true, localResourceRoots: [media], enableCommandUris: false,
    });
    this.panel.webview.html = page(this.panel.webview, media, comparison.title);
    this.panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    this.panel.onDidDispose(() => {
      ComparePanel.open.delete(comparison.id);
      this.loading?.abort();
    });
    ComparePanel.open.set(comparison.id, this);
    this.loaded = this.reload(true);
  }

  /** What the webview was last told to draw (the integration tests read it). */
  get state(): ToWebview | undefined {
    return this.last;
  }

  /** The matrix as last drawn, worded (undefined while loading or after a failed read). */
  get model(): ViewModel | undefined {
    return this.last?.type === 'model' ? this.last.model : undefined;
  }

  /** Whether the panel is still open. */
  get disposed(): boolean {
    return ComparePanel.open.get(this.comparison.id) !== this;
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** A message from the webview (tests call this as the webview would). */
  async receive(data: unknown): Promise<void> {
    const message = parseFromWebview(data);
    if (!message) {
      this.services.logger.warn('Compare: ignored a message of unexpected shape from the comparison view.');
      return;
    }
    if (message.type === 'ready') {
      if (this.last) this.post(this.last);
      return;
    }
    if (message.type === 'refresh') {
      await this.reload(false);
      return;
    }
    await this.act(message);
  }

  /** Reads the comparison again (from the tree's loaded lists the first time, from the server on Refresh) and draws it. */
  private reload(fromTree: boolean): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.post({ type: 'loading', text: vscode.l10n.t('Reading {0}…', this.comparison.title) });
    this.loaded = (async () => {
      try {
        await this.comparison.load(this.services, fromTree, controller.signal);
        if (controller.signal.aborted) return;
        this.draw();
      } catch (err) {
        if (controller.signal.aborted || isCancellation(err)) return;
        const text = this.services.logger.redact(this.services.describe(err));
        this.services.logger.error(`Compare: reading ${this.comparison.id} failed: ${text}`);
        this.matrix = undefined;
        this.post({ type: 'error', text, retry: vscode.l10n.t('Retry') });
      }
    })();
    return this.loaded;
  }

  private draw(): void {
    this.matrix = buildMatrix(this.comparison.columns);
    this.post({ type: 'model', model: viewModel(this.comparison.title, this.matrix) });
  }

  /** "Copy to …" or "Compare Values…" on a cell that offers it (else dropped), one at a time. */
  private async act(message: Extract<FromWebview, { type: 'copy' | 'compare' }>): Promise<void> {
    const column = this.comparison.columns.findIndex((c) => c.id === message.column);
    const row = this.matrix?.rows.find((r) => r.key === message.key);
    const cell = column >= 0 ? row?.cells[column] : undefined;
    const fits = message.type === 'copy' ? cell?.state === 'missing' : cell?.state === 'differs';
    if (!cell || !fits || this.busy) {
      this.services.logger.warn(`Compare: ignored a ${message.type} request for a cell that does not offer it${this.busy ? ' (another action is running)' : ''}.`);
      return;
    }
    this.busy = true;
    try {
      if (cell.state === 'differs') await compareValues(this.services, this.comparison, message.key, column, cell.from);
      else if ((await copyTo(this.services, this.comparison, message.key, column)) === 'reload') await this.reload(false);
      else this.draw();
    } catch (err) {
      reportError('Compare', err, this.services);
    } finally {
      this.busy = false;
    }
  }

  private post(message: ToWebview): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }
}

/** The page: no inline script or style; the script only by its nonce, both from media/. */
function page(webview: vscode.Webview, media: vscode.Uri, title: string): string {
  const nonce = randomBytes(18).toString('base64');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.js'));
  const csp = `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="app"><p class="status loading" role="status">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>
<script nonce="${nonce}" src="${js.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
