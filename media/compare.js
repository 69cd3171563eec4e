// The comparison view's script (loaded by nonce under a strict CSP; see
// src/backends/vercel/compare/panel.ts). It draws what the extension host sends: cell states
// and equality groups, never a value. It sends only {type:'ready'|'refresh'} and
// {type:'copy'|'compare', key, column}. The matrix is a grid: one cell is in the Tab order,
// the arrow keys (and Home/End, Ctrl+Home/End) move between cells, Enter (or Space, the
// context-menu key, Shift+F10) runs a cell's action.
/* global acquireVsCodeApi, document, window */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  /** Where the focus was, by key and column, so a redraw keeps it. */
  let focused;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  function header(model) {
    const refresh = el('button', { type: 'button', id: 'refresh', text: model.strings.refresh });
    refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
    return el('header', {}, [
      el('h1', { text: model.title }),
      el('p', { class: 'summary', id: 'summary', text: model.summary }),
      refresh,
    ]);
  }

  function drawModel(model) {
    const wasFocused = focused;
    app.setAttribute('aria-busy', 'false');
    app.replaceChildren(header(model));
    if (model.empty) {
      app.appendChild(el('p', { class: 'status', text: model.empty }));
      return;
    }
    const head = el('tr', {}, [el('th', { scope: 'col', text: model.strings.key }),
      ...model.columns.map((c) => el('th', { scope: 'col', 'data-column': c.id, text: c.label }))]);
    const body = model.rows.map((row, r) => el('tr', { class: row.missing ? 'has-missing' : undefined }, [
      el('th', { scope: 'row', class: 'key', text: row.key }),
      ...row.cells.map((cell, c) => {
        const td = el('td', {
          role: 'gridcell', class: `cell ${cell.state}`, tabindex: '-1', 'aria-label': cell.label,
          'data-row': r, 'data-col': c, 'data-key': row.key, 'data-column': model.columns[c].id, 'data-state': cell.state,
        }, [el('span', { class: 'text', text: cell.text })]);
        if (cell.action) {
          // Short on screen, the whole action in its tooltip; the cell's label names it for screen readers.
          const button = el('button', {
            type: 'button', tabindex: '-1', class: 'action', 'aria-hidden': 'true', 'data-action': cell.action.kind,
            title: cell.action.title, text: model.strings[cell.action.kind],
          });
          button.addEventListener('click', (event) => {
            event.stopPropagation();
            run(td);
          });
          td.appendChild(button);
          td.dataset.action = cell.action.kind;
        }
        return td;
      }),
    ]));
    const table = el('table', { role: 'grid', 'aria-label': model.strings.table, 'aria-describedby': 'summary hint', 'aria-rowcount': model.rows.length + 1 }, [
      el('thead', {}, [head]), el('tbody', {}, body),
    ]);
    app.appendChild(el('p', { class: 'hint', id: 'hint', text: model.strings.hint }));
    app.appendChild(el('div', { class: 'scroll' }, [table]));
    table.addEventListener('keydown', onKey);
    table.addEventListener('focusin', (event) => {
      const td = event.target.closest && event.target.closest('td.cell');
      if (td) setCurrent(td);
    });
    const again = wasFocused && table.querySelector(`td.cell[data-key="${cssEscape(wasFocused.key)}"][data-column="${cssEscape(wasFocused.column)}"]`);
    const first = again || table.querySelector('td.cell');
    if (first) {
      first.tabIndex = 0;
      if (again && document.hasFocus()) first.focus();
    }
  }

  function cssEscape(text) {
    return window.CSS && window.CSS.escape ? window.CSS.escape(text) : text.replace(/["\\]/g, '\\$&');
  }

  function setCurrent(td) {
    for (const other of app.querySelectorAll('td.cell[tabindex="0"]')) if (other !== td) other.tabIndex = -1;
    td.tabIndex = 0;
    focused = { key: td.dataset.key, column: td.dataset.column };
  }

  function move(td, dRow, dCol, absolute) {
    const rows = Number(app.querySelectorAll('tbody tr').length);
    const cols = td.parentElement.querySelectorAll('td.cell').length;
    let r = Number(td.dataset.row);
    let c = Number(td.dataset.col);
    if (absolute === 'rowStart') c = 0;
    else if (absolute === 'rowEnd') c = cols - 1;
    else if (absolute === 'first') { r = 0; c = 0; } else if (absolute === 'last') { r = rows - 1; c = cols - 1; } else {
      r = Math.max(0, Math.min(rows - 1, r + dRow));
      c = Math.max(0, Math.min(cols - 1, c + dCol));
    }
    const next = app.querySelector(`td.cell[data-row="${r}"][data-col="${c}"]`);
    if (next) {
      setCurrent(next);
      next.focus();
    }
  }

  function onKey(event) {
    const td = event.target.closest && event.target.closest('td.cell');
    if (!td) return;
    const keys = {
      ArrowUp: () => move(td, -1, 0), ArrowDown: () => move(td, 1, 0), ArrowLeft: () => move(td, 0, -1), ArrowRight: () => move(td, 0, 1),
      Home: () => move(td, 0, 0, event.ctrlKey ? 'first' : 'rowStart'), End: () => move(td, 0, 0, event.ctrlKey ? 'last' : 'rowEnd'),
      Enter: () => run(td),
      // The context-menu key and Shift+F10 run the cell's one action too.
      ContextMenu: () => run(td), F10: event.shiftKey ? () => run(td) : undefined,
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  }

  function run(td) {
    setCurrent(td);
    const action = td.dataset.action;
    if (action === 'copy' || action === 'compare') vscode.postMessage({ type: action, key: td.dataset.key, column: td.dataset.column });
  }

  function drawStatus(text, busy) {
    app.setAttribute('aria-busy', busy ? 'true' : 'false');
    const existing = app.querySelector('p.status.loading');
    if (existing) { existing.textContent = text; return; }
    app.insertBefore(el('p', { class: 'status loading', role: 'status', text }), app.firstChild);
  }

  function drawError(text, retryLabel) {
    app.setAttribute('aria-busy', 'false');
    const retry = el('button', { type: 'button', id: 'retry', text: retryLabel });
    retry.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
    app.replaceChildren(el('div', { class: 'error', role: 'alert' }, [el('p', { text }), retry]));
    retry.focus();
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'model') drawModel(message.model);
    else if (message.type === 'loading') drawStatus(message.text, true);
    else if (message.type === 'error') drawError(message.text, message.retry);
  });
  vscode.postMessage({ type: 'ready' });
}());
