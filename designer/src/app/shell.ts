/** The designer page: toolbar, status line, canvas, properties panel, issues list and the new-workflow dialog. */
import type { WorkflowItem } from '../api';
import { language, t } from '../i18n';
import { h, replaceChildren } from './dom';

export interface Shell {
  workflows: HTMLSelectElement;
  templates: HTMLSelectElement;
  newEmpty: HTMLButtonElement;
  save: HTMLButtonElement;
  validate: HTMLButtonElement;
  publish: HTMLButtonElement;
  download: HTMLButtonElement;
  upload: HTMLInputElement;
  makeRunnable: HTMLButtonElement;
  simulate: HTMLButtonElement;
  language: HTMLButtonElement;
  user: HTMLSpanElement;
  status: HTMLDivElement;
  canvas: HTMLDivElement;
  properties: HTMLElement;
  issues: HTMLUListElement;
  dialog: HTMLDialogElement;
  newKey: HTMLInputElement;
  newName: HTMLInputElement;
  newTemplate: HTMLInputElement;
}

export type StatusKind = 'info' | 'error' | 'ok';

const button = (id: string, text: string) => h('button', { id, type: 'button' }, text);
const separator = () => h('span', { class: 'rf-sep' });

export function renderShell(root: HTMLElement, templateKeys: readonly string[]): Shell {
  const shell: Shell = {
    workflows: h('select', { id: 'rf-workflows', 'aria-label': t('Workflows') }, h('option', { value: '' }, `${t('Workflows')}…`)),
    templates: h(
      'select',
      { id: 'rf-templates', 'aria-label': t('New from template') },
      h('option', { value: '' }, `${t('New from template')}…`),
      templateKeys.map((key) => h('option', { value: key }, key)),
    ),
    newEmpty: button('rf-new', t('New empty')),
    save: button('rf-save', t('Save')),
    validate: button('rf-validate', t('Validate')),
    publish: button('rf-publish', t('Publish')),
    download: button('rf-download', t('Download')),
    upload: h('input', { id: 'rf-upload', type: 'file', accept: '.bpmn,.xml', hidden: true }),
    makeRunnable: h('button', { id: 'rf-make-runnable', type: 'button', hidden: true }, t('Make runnable')),
    simulate: button('rf-simulate', t('Simulate')),
    language: button('rf-lang', language() === 'ko' ? 'English' : '한국어'),
    user: h('span', { id: 'rf-user' }),
    status: h('div', { id: 'rf-status', role: 'status' }),
    canvas: h('div', { id: 'rf-canvas' }),
    properties: h('aside', { id: 'rf-properties' }),
    issues: h('ul', { id: 'rf-issues' }),
    dialog: h('dialog', { id: 'rf-new-dialog' }),
    newKey: h('input', { id: 'rf-new-key', required: true, pattern: '[A-Za-z_][A-Za-z0-9_.\\-]*' }),
    newName: h('input', { id: 'rf-new-name', required: true }),
    newTemplate: h('input', { type: 'hidden', id: 'rf-new-template' }),
  };
  shell.dialog.append(
    h(
      'form',
      { method: 'dialog', id: 'rf-new-form' },
      h('label', {}, `${t('Workflow key (process id)')} `, shell.newKey),
      h('label', {}, `${t('Workflow name')} `, shell.newName),
      shell.newTemplate,
      h('button', { id: 'rf-new-ok', type: 'submit', value: 'ok' }, 'OK'),
      ' ',
      h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, '✕'),
    ),
  );
  replaceChildren(
    root,
    h(
      'header',
      { class: 'rf-header' },
      h('strong', {}, `ReferralFlow · ${t('Workflow designer')}`),
      shell.workflows,
      shell.templates,
      shell.newEmpty,
      separator(),
      shell.save,
      shell.validate,
      shell.publish,
      shell.download,
      h('label', { class: 'rf-upload' }, t('Upload'), shell.upload),
      shell.makeRunnable,
      shell.simulate,
      separator(),
      shell.language,
      shell.user,
    ),
    shell.status,
    h('main', { class: 'rf-main' }, shell.canvas, shell.properties),
    h('section', { class: 'rf-issues' }, h('h2', {}, t('Issues')), shell.issues),
    shell.dialog,
  );
  return shell;
}

/** The workflow dropdown: each workflow's draft, then its published versions newest first (read-only). */
export function renderWorkflowOptions(select: HTMLSelectElement, items: readonly WorkflowItem[], selected = ''): void {
  replaceChildren(
    select,
    h('option', { value: '' }, `${t('Workflows')}…`),
    items.flatMap((w) => [
      h('option', { value: `draft:${w.key}` }, `${w.name} (${w.key}) · ${t('Draft')} r${w.draftRevision}`),
      ...Array.from({ length: w.latestVersion ?? 0 }, (_, i) => (w.latestVersion ?? 0) - i).map((version) =>
        h('option', { value: `version:${w.key}:${version}` }, `${w.name} · ${t('Version')} ${version} (${t('read-only')})`),
      ),
    ]),
  );
  select.value = selected;
}

export function showStatus(shell: Pick<Shell, 'status'>, text: string, kind: StatusKind = 'info'): void {
  shell.status.textContent = text;
  shell.status.className = kind;
}
