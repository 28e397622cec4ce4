/** Lints the diagram while it is drawn and marks the elements with issues on the canvas. */
import { lint, type LintIssue } from '../../lint/lint';
import { rfConfig, type DesignerConfig } from '../../config';
import { describeIssue } from '../../i18n';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export default class RfLinting {
  static $inject = ['eventBus', 'canvas', 'overlays', 'elementRegistry', 'bpmnjs', 'config.rf'];

  issues: LintIssue[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private marked: string[] = [];
  private run = 0;
  private readonly config: DesignerConfig;

  constructor(
    private readonly eventBus: Any,
    private readonly canvas: Any,
    private readonly overlays: Any,
    private readonly elementRegistry: Any,
    private readonly bpmnjs: Any,
    config: DesignerConfig | undefined,
  ) {
    this.config = rfConfig(config);
    eventBus.on(['import.done', 'elements.changed'], () => this.schedule());
    eventBus.on('diagram.destroy', () => {
      clearTimeout(this.timer);
      this.run++;
    });
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 150);
  }

  /** The canvas element that shows an issue: the element itself, or the pool of a process. */
  shapeFor(id: string): Any {
    const direct = this.elementRegistry.get(id);
    if (direct) return direct;
    return this.elementRegistry.find((e: Any) => e.businessObject?.processRef?.id === id) ?? this.canvas.getRootElement();
  }

  async update(): Promise<LintIssue[]> {
    const run = ++this.run;
    const definitions = this.bpmnjs.getDefinitions();
    if (!definitions) return [];
    const { loaded, roles, policies } = this.config;
    const issues = await lint(definitions, loaded ? { roles: roles.map((r) => r.key), policies } : {});
    if (run !== this.run) return issues;
    this.issues = issues;
    this.overlays.remove({ type: 'rf-lint' });
    for (const id of this.marked) {
      this.canvas.removeMarker(id, 'rf-lint-error');
      this.canvas.removeMarker(id, 'rf-lint-warning');
    }
    this.marked = [];
    const byElement = new Map<Any, LintIssue[]>();
    for (const issue of issues) {
      const shape = this.shapeFor(issue.elementId);
      if (!shape) continue;
      byElement.set(shape, [...(byElement.get(shape) ?? []), issue]);
    }
    for (const [shape, list] of byElement) {
      const error = list.some((i) => i.severity === 'error');
      this.canvas.addMarker(shape, error ? 'rf-lint-error' : 'rf-lint-warning');
      this.marked.push(shape.id);
      const badge = document.createElement('div');
      badge.className = `rf-lint-badge ${error ? 'error' : 'warning'}`;
      badge.textContent = String(list.length);
      badge.title = list.map((i) => describeIssue(i.code, i.message, i.args)).join('\n');
      badge.dataset.element = shape.id;
      if (shape.waypoints) {
        this.overlays.add(shape, 'rf-lint', { position: { top: 0, left: 0 }, html: badge });
      } else {
        this.overlays.add(shape, 'rf-lint', { position: { top: -10, right: 10 }, html: badge });
      }
    }
    this.eventBus.fire('rf.lint.done', { issues });
    return issues;
  }
}
