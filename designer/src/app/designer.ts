/** The designer page at work: the toolbar's actions on the modeler and the host's workflows. */
import { ApiError, type Issue, type Me } from '../api';
import { blankDiagram } from '../blank';
import { language, setLanguage, t } from '../i18n';
import type RfIssues from '../modeler/issues/RfIssues';
import type RfMapping from '../modeler/mapping/RfMapping';
import { downloadXml, readText } from './fileIo';
import { openMappingDialog } from './mappingDialog';
import { processOf, renameProcess } from './modeler';
import { isDesigner } from './session';
import { renderWorkflowOptions, showStatus, type Shell, type StatusKind } from './shell';
import { templateXml } from './templates';
import { WorkflowStore, type OpenWorkflow } from './workflowStore';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export class Designer {
  private readonly issues: RfIssues;
  private readonly mapping: RfMapping;

  constructor(
    private readonly shell: Shell,
    private readonly modeler: Any,
    private readonly store: WorkflowStore,
    private readonly me: Me,
  ) {
    this.issues = modeler.get('rfIssues');
    this.mapping = modeler.get('rfMapping');
    // The offer follows the model: shown while a foreign model still needs mapping, gone once it is runnable.
    modeler.get('eventBus').on('rf.lint.done', () => {
      this.shell.makeRunnable.hidden = !!this.store.current?.readOnly || !this.mapping.plan().needed;
    });
  }

  /** Wires the toolbar, lists the workflows and opens `workflowKey`'s draft (or a blank diagram). */
  async start(workflowKey: string | null): Promise<void> {
    this.wire();
    this.updateButtons();
    await this.refreshList();
    if (workflowKey) await this.openDraft(workflowKey);
    else await this.importXml(blankDiagram('new-workflow', 'new workflow'), null);
  }

  private status(text: string, kind: StatusKind = 'info'): void {
    showStatus(this.shell, text, kind);
  }

  private async importXml(xml: string, next: OpenWorkflow | null): Promise<void> {
    await this.modeler.importXML(xml);
    this.store.current = next;
    this.modeler.get('canvas').zoom('fit-viewport');
    this.updateButtons();
    await this.modeler.get('rfLinting').update();
  }

  private async exportXml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml as string;
  }

  private updateButtons(): void {
    const current = this.store.current;
    const editable = !!current && !current.readOnly && isDesigner(this.me);
    this.shell.save.disabled = !editable;
    this.shell.publish.disabled = !editable;
    this.shell.user.textContent = [this.me.name, current ? `${current.key} · ${describe(current)}` : ''].filter(Boolean).join(' · ');
    document.body.classList.toggle('rf-read-only', !!current?.readOnly);
  }

  private async refreshList(selected?: string): Promise<void> {
    renderWorkflowOptions(this.shell.workflows, await this.store.list(), selected);
  }

  private async openDraft(key: string): Promise<void> {
    const { xml, open } = await this.store.draft(key);
    await this.importXml(xml, open);
    this.status(`${key} · ${describe(open)}`);
  }

  private async openVersion(key: string, version: number): Promise<void> {
    const { xml, open } = await this.store.version(key, version);
    await this.importXml(xml, open);
    this.status(`${key} · ${describe(open)}`);
  }

  private newWorkflow(template: string | null): void {
    this.shell.newTemplate.value = template ?? '';
    this.shell.newKey.value = template ? `${template}-copy` : '';
    this.shell.newName.value = '';
    this.shell.dialog.showModal();
  }

  private async confirmNew(): Promise<void> {
    const key = this.shell.newKey.value.trim();
    const name = this.shell.newName.value.trim() || key;
    if (!key) return;
    const template = templateXml(this.shell.newTemplate.value);
    if (template) {
      await this.importXml(template, WorkflowStore.unsaved(key));
      renameProcess(this.modeler, key, name);
    } else {
      await this.importXml(blankDiagram(key, name), WorkflowStore.unsaved(key));
    }
    this.status(`${key} · ${t('Not saved yet')}`);
  }

  private async save(): Promise<boolean> {
    const current = this.store.current;
    if (!current || current.readOnly) return false;
    const xml = await this.exportXml();
    try {
      const validation = await this.store.save(xml);
      this.issues.setServerIssues(validation?.issues ?? []);
      this.updateButtons();
      this.status(`${t('Saved')} · ${current.key} r${current.revision}`, 'ok');
      await this.refreshList(`draft:${current.key}`);
      return true;
    } catch (e) {
      this.report(e, t('Saving failed'));
      return false;
    }
  }

  private report(e: unknown, prefix: string): void {
    if (!(e instanceof ApiError)) {
      this.status(`${prefix}: ${String(e)}`, 'error');
      return;
    }
    const body = e.body as { issues?: Issue[] } | null;
    if (body?.issues) this.issues.setServerIssues(body.issues);
    const text =
      e.status === 403
        ? t('Only designers can save or publish')
        : e.status === 409
          ? t('The draft was changed by someone else; reload it.')
          : e.message;
    this.status(`${prefix}: ${text}`, 'error');
  }

  private async validate(): Promise<void> {
    try {
      const report = await this.store.validate(await this.exportXml());
      this.issues.setServerIssues(report.issues);
      const errors = report.issues.filter((i) => i.severity === 'error').length;
      if (report.valid) this.status(t('Validation passed'), 'ok');
      else this.status(`${t('Server validation')}: ${errors} ${t('error')}`, 'error');
    } catch (e) {
      this.report(e, t('Server validation'));
    }
  }

  private async publish(): Promise<void> {
    if (!this.store.current || !(await this.save())) return;
    try {
      const published = await this.store.publish();
      if (!published) return;
      this.status(`${t('Published')} · ${published.key} ${t('Version')} ${published.version}`, 'ok');
      document.body.dataset.published = `${published.key}:${published.version}`;
      await this.refreshList(`draft:${published.key}`);
    } catch (e) {
      this.report(e, t('Publishing failed'));
    }
  }

  private async download(): Promise<void> {
    downloadXml(await this.exportXml(), `${this.store.current?.key ?? 'workflow'}.bpmn`);
  }

  private async upload(file: File): Promise<void> {
    const { warnings } = await this.modeler.importXML(await readText(file));
    this.store.current = await this.store.uploaded(processOf(this.modeler)?.id);
    this.updateButtons();
    this.status(`${file.name}${warnings.length ? ` (${warnings.length} warnings)` : ''}`);
    await this.modeler.get('rfLinting').update();
    if (this.mapping.plan().needed) {
      this.status(`${file.name} · ${t('This model can be made runnable.')}`);
      await this.makeRunnable();
    }
  }

  /** The mapping dialog; its choices are one command on the stack. A new workflow's key follows the chosen process. */
  private async makeRunnable(): Promise<void> {
    const choices = await openMappingDialog(this.mapping);
    if (!choices) return;
    this.mapping.apply(choices);
    if (this.store.current && this.store.current.revision === null)
      this.store.current = await this.store.uploaded(processOf(this.modeler)?.id);
    this.updateButtons();
    await this.modeler.get('rfLinting').update();
    this.status(t('Made runnable: check the issues, then save.'), 'ok');
  }

  private wire(): void {
    const { shell } = this;
    shell.workflows.addEventListener('change', () => {
      const [kind, key, version] = shell.workflows.value.split(':');
      const open = kind === 'draft' ? this.openDraft(key) : kind === 'version' ? this.openVersion(key, Number(version)) : null;
      open?.catch((e: unknown) => this.report(e, t('Open')));
    });
    shell.templates.addEventListener('change', () => {
      if (shell.templates.value) this.newWorkflow(shell.templates.value);
      shell.templates.value = '';
    });
    shell.newEmpty.addEventListener('click', () => this.newWorkflow(null));
    shell.dialog.addEventListener('close', () => {
      if (shell.dialog.returnValue === 'ok') void this.confirmNew();
    });
    shell.save.addEventListener('click', () => void this.save());
    shell.validate.addEventListener('click', () => void this.validate());
    shell.publish.addEventListener('click', () => void this.publish());
    shell.download.addEventListener('click', () => void this.download());
    shell.upload.addEventListener('change', () => {
      const file = shell.upload.files?.[0];
      if (file) void this.upload(file);
    });
    shell.makeRunnable.addEventListener('click', () => void this.makeRunnable());
    shell.simulate.addEventListener('click', () => this.modeler.get('toggleMode')?.toggleMode());
    shell.language.addEventListener('click', () => {
      setLanguage(language() === 'ko' ? 'en' : 'ko');
      location.reload();
    });
  }
}

/** "초안 r3", "아직 저장하지 않음" or "버전 2 (읽기 전용)". */
function describe(open: OpenWorkflow): string {
  if (open.readOnly) return `${t('Version')} ${open.version} (${t('read-only')})`;
  return open.revision === null ? t('Not saved yet') : `${t('Draft')} r${open.revision}`;
}
