/**
 * The issues list under the canvas: the drawing checks (rf.lint.done) and the host's validation, each row selecting
 * its element; the host's errors are also marked on the canvas. The list element is `config.rfIssues.list`.
 */
import type { Issue } from '../../api';
import type { LintIssue } from '../../lint/lint';
import { describeIssue, t } from '../../i18n';
import { h, replaceChildren } from '../../app/dom';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface RfIssuesConfig {
  list?: HTMLElement;
}

interface Row {
  args?: Record<string, string>;
  code: string;
  elementId: string;
  message: string;
  severity: string;
  source: 'lint' | 'server';
}

export default class RfIssues {
  static $inject = ['config.rfIssues', 'eventBus', 'canvas', 'selection', 'elementRegistry', 'rfLinting'];

  private lintIssues: LintIssue[] = [];
  private serverIssues: Issue[] = [];

  constructor(
    private readonly config: RfIssuesConfig | undefined,
    eventBus: Any,
    private readonly canvas: Any,
    private readonly selection: Any,
    private readonly elementRegistry: Any,
    private readonly rfLinting: Any,
  ) {
    eventBus.on('rf.lint.done', (e: { issues: LintIssue[] }) => {
      this.lintIssues = e.issues;
      this.render();
    });
    // The host's findings are about what it was sent: any edit or another diagram makes them stale.
    eventBus.on(['commandStack.changed', 'import.done'], () => {
      this.serverIssues = [];
    });
  }

  /** The host's validation of the diagram as it is now: listed, and its errors marked on their elements. */
  setServerIssues(issues: Issue[]): void {
    this.serverIssues = issues;
    this.elementRegistry.forEach((e: Any) => this.canvas.removeMarker(e, 'rf-server-error'));
    for (const issue of issues) {
      if (issue.severity !== 'error' || !issue.elementId) continue;
      const shape = this.rfLinting.shapeFor(issue.elementId);
      if (shape) this.canvas.addMarker(shape, 'rf-server-error');
    }
    this.render();
  }

  /** Selects and scrolls to the element an issue is about. */
  select(elementId: string): void {
    const shape = this.rfLinting.shapeFor(elementId);
    if (!shape) return;
    this.selection.select(shape);
    this.canvas.scrollToElement?.(shape);
  }

  rows(): Row[] {
    return [
      ...this.lintIssues.map((i): Row => ({ ...i, source: 'lint' })),
      ...this.serverIssues.map((i): Row => ({
        args: i.arguments,
        code: i.code,
        elementId: i.elementId ?? '',
        message: i.message,
        severity: i.severity === 'error' ? 'error' : 'warning',
        source: 'server',
      })),
    ];
  }

  render(): void {
    const list = this.config?.list;
    if (!list) return;
    const rows = this.rows();
    if (!rows.length) {
      replaceChildren(list, h('li', { class: 'none' }, t('No issues')));
      return;
    }
    replaceChildren(
      list,
      rows.map((row) => {
        const source = row.source === 'server' ? t('Server validation') : t('Drawing checks');
        const li = h(
          'li',
          { class: `${row.severity} ${row.source}`, 'data-code': row.code, 'data-element': row.elementId, 'data-source': row.source },
          `${t(row.severity)} · ${source} · ${row.elementId} · ${describeIssue(row.code, row.message, row.args)}`,
        );
        li.addEventListener('click', () => this.select(row.elementId));
        return li;
      }),
    );
  }
}
