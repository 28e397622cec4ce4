import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './style.css';

import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import rfDescriptor from './moddle/rf.json';
import translateModule from './modeler/translate';
import paletteModule from './modeler/palette';
import contextPadModule from './modeler/contextPad';
import propertiesModule from './modeler/properties';
import lintingModule from './modeler/linting';
import { api, ApiError, type Issue, type Me } from './api';
import { designerConfig } from './config';
import { describeIssue, language, setLanguage, t } from './i18n';
import { blankDiagram } from './blank';
import type { LintIssue } from './lint/lint';
import { h, replaceChildren } from './app/dom';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const templates = import.meta.glob('../../workflows/templates/*.bpmn', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const templateKeys = Object.keys(templates).map((path) => path.split('/').pop()!.replace(/\.bpmn$/, '')).sort();

interface Current { key: string; revision: number | null; version: number | null; readOnly: boolean }
let current: Current | null = null;
let serverIssues: Issue[] = [];
let lintIssues: LintIssue[] = [];
let me: Me | null = null;
let modeler: Any;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

function renderShell(): void {
  const button = (id: string, text: string) => h('button', { id, type: 'button' }, text);
  const sep = () => h('span', { class: 'rf-sep' });
  replaceChildren($('#app'),
    h('header', { class: 'rf-header' },
      h('strong', {}, `ReferralFlow · ${t('Workflow designer')}`),
      h('select', { id: 'rf-workflows', 'aria-label': t('Workflows') }, h('option', { value: '' }, `${t('Workflows')}…`)),
      h('select', { id: 'rf-templates', 'aria-label': t('New from template') }, h('option', { value: '' }, `${t('New from template')}…`),
        templateKeys.map((k) => h('option', { value: k }, k))),
      button('rf-new', t('New empty')), sep(),
      button('rf-save', t('Save')), button('rf-validate', t('Validate')), button('rf-publish', t('Publish')), button('rf-download', t('Download')),
      h('label', { class: 'rf-upload' }, t('Upload'), h('input', { id: 'rf-upload', type: 'file', accept: '.bpmn,.xml', hidden: true })),
      button('rf-simulate', t('Simulate')), sep(),
      button('rf-lang', language() === 'ko' ? 'English' : '한국어'),
      h('span', { id: 'rf-user' })),
    h('div', { id: 'rf-status', role: 'status' }),
    h('main', { class: 'rf-main' }, h('div', { id: 'rf-canvas' }), h('aside', { id: 'rf-properties' })),
    h('section', { class: 'rf-issues' }, h('h2', {}, t('Issues')), h('ul', { id: 'rf-issues' })),
    h('dialog', { id: 'rf-new-dialog' }, h('form', { method: 'dialog', id: 'rf-new-form' },
      h('label', {}, `${t('Workflow key (process id)')} `, h('input', { id: 'rf-new-key', required: true, pattern: '[A-Za-z_][A-Za-z0-9_.\\-]*' })),
      h('label', {}, `${t('Workflow name')} `, h('input', { id: 'rf-new-name', required: true })),
      h('input', { type: 'hidden', id: 'rf-new-template' }),
      h('button', { id: 'rf-new-ok', type: 'submit', value: 'ok' }, 'OK'), ' ',
      h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, '✕'))));
}

function status(text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  const el = $('#rf-status');
  el.textContent = text;
  el.className = kind;
}

function createModeler(): void {
  modeler = new Modeler({
    container: '#rf-canvas',
    keyboard: { bindTo: document },
    propertiesPanel: { parent: '#rf-properties' },
    moddleExtensions: { rf: rfDescriptor },
    additionalModules: [translateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, propertiesModule, paletteModule,
      contextPadModule, lintingModule, TokenSimulationModule],
  });
  (window as Any).__rfModeler = modeler;
  modeler.get('eventBus').on('rf.lint.done', (e: { issues: LintIssue[] }) => { lintIssues = e.issues; renderIssues(); });
  modeler.get('eventBus').on('commandStack.changed', () => { serverIssues = []; });
}

function renderIssues(): void {
  const list = $('#rf-issues');
  const rows = [
    ...lintIssues.map((i) => ({ ...i, source: 'lint' })),
    ...serverIssues.map((i) => ({ code: i.code, elementId: i.elementId ?? '', message: i.message, severity: i.severity === 'error' ? 'error' : 'warning', source: 'server' })),
  ];
  replaceChildren(list);
  if (!rows.length) { list.append(h('li', { class: 'none' }, t('No issues'))); return; }
  for (const row of rows) {
    const li = document.createElement('li');
    li.className = `${row.severity} ${row.source}`;
    li.dataset.code = row.code;
    li.dataset.element = row.elementId;
    li.dataset.source = row.source;
    li.textContent = `${t(row.severity)} · ${row.source === 'server' ? t('Server validation') : t('Drawing checks')} · ${row.elementId} · ${describeIssue(row.code, row.message)}`;
    li.addEventListener('click', () => select(row.elementId));
    list.appendChild(li);
  }
}

function select(elementId: string): void {
  const shape = modeler.get('rfLinting').shapeFor(elementId);
  if (!shape) return;
  modeler.get('selection').select(shape);
  modeler.get('canvas').scrollToElement?.(shape);
}

function highlightServerIssues(): void {
  const canvas = modeler.get('canvas');
  modeler.get('elementRegistry').forEach((e: Any) => canvas.removeMarker(e, 'rf-server-error'));
  for (const issue of serverIssues) {
    if (issue.severity !== 'error' || !issue.elementId) continue;
    const shape = modeler.get('rfLinting').shapeFor(issue.elementId);
    if (shape) canvas.addMarker(shape, 'rf-server-error');
  }
  renderIssues();
}

async function importXml(xml: string, next: Current | null): Promise<void> {
  await modeler.importXML(xml);
  current = next;
  serverIssues = [];
  modeler.get('canvas').zoom('fit-viewport');
  updateButtons();
  await modeler.get('rfLinting').update();
}

async function exportXml(): Promise<string> {
  const { xml } = await modeler.saveXML({ format: true });
  return xml;
}

function isDesigner(): boolean {
  return !!me?.roles.some((r) => r.toLowerCase() === 'designer');
}

function updateButtons(): void {
  const editable = !!current && !current.readOnly && isDesigner();
  ($('#rf-save') as HTMLButtonElement).disabled = !editable;
  ($('#rf-publish') as HTMLButtonElement).disabled = !editable;
  const label = current ? `${current.key} · ${current.readOnly ? `${t('Version')} ${current.version} (${t('read-only')})` : current.revision === null ? t('Not saved yet') : `${t('Draft')} r${current.revision}`}` : '';
  $('#rf-user').textContent = `${me?.name ?? ''}${label ? ` · ${label}` : ''}`;
  document.body.classList.toggle('rf-read-only', !!current?.readOnly);
}

async function refreshList(select?: string): Promise<void> {
  const { data } = await api.list();
  const box = $('#rf-workflows') as HTMLSelectElement;
  replaceChildren(box, h('option', { value: '' }, `${t('Workflows')}…`), data.map((w) => [
    h('option', { value: `draft:${w.key}` }, `${w.name} (${w.key}) · ${t('Draft')} r${w.draftRevision}`),
    ...Array.from({ length: w.latestVersion ?? 0 }, (_, i) => h('option', { value: `version:${w.key}:${i + 1}` }, `${w.name} · ${t('Version')} ${i + 1} (${t('read-only')})`)).reverse(),
  ]).flat());
  box.value = select ?? '';
}

async function openDraft(key: string): Promise<void> {
  const { data } = await api.draft(key);
  await importXml(data.xml, { key, revision: data.revision, version: null, readOnly: false });
  status(`${key} · ${t('Draft')} r${data.revision}`);
}

async function openVersion(key: string, version: number): Promise<void> {
  const { data } = await api.version(key, version);
  await importXml(data.xml, { key, revision: null, version, readOnly: true });
  status(`${key} · ${t('Version')} ${version} (${t('read-only')})`);
}

function renameProcess(key: string, name: string): void {
  const definitions = modeler.getDefinitions();
  const moddle = modeler.get('moddle');
  const process = definitions.rootElements.find((e: Any) => e.$type === 'bpmn:Process');
  moddle.ids.unclaim(process.id);
  process.id = key;
  moddle.ids.claim(key, process);
  process.name = name;
  const participant = modeler.get('elementRegistry').find((e: Any) => e.businessObject?.processRef === process);
  if (participant) modeler.get('modeling').updateProperties(participant, { name });
}

async function newWorkflow(template: string | null): Promise<void> {
  const dialog = $('#rf-new-dialog') as HTMLDialogElement;
  ($('#rf-new-template') as HTMLInputElement).value = template ?? '';
  ($('#rf-new-key') as HTMLInputElement).value = template ? `${template}-copy` : '';
  ($('#rf-new-name') as HTMLInputElement).value = '';
  dialog.showModal();
}

async function confirmNew(): Promise<void> {
  const key = ($('#rf-new-key') as HTMLInputElement).value.trim();
  const name = ($('#rf-new-name') as HTMLInputElement).value.trim() || key;
  const template = ($('#rf-new-template') as HTMLInputElement).value;
  if (!key) return;
  if (template) {
    await importXml(templates[Object.keys(templates).find((p) => p.endsWith(`/${template}.bpmn`))!], { key, revision: null, version: null, readOnly: false });
    renameProcess(key, name);
  } else {
    await importXml(blankDiagram(key, name), { key, revision: null, version: null, readOnly: false });
  }
  status(`${key} · ${t('Not saved yet')}`);
}

async function save(): Promise<boolean> {
  if (!current || current.readOnly) return false;
  const xml = await exportXml();
  try {
    const result = current.revision === null ? await api.create(xml) : await api.save(current.key, xml, current.revision);
    current.revision = result.data.revision;
    serverIssues = result.data.validation.issues;
    highlightServerIssues();
    updateButtons();
    status(`${t('Saved')} · ${current.key} r${current.revision}`, 'ok');
    await refreshList(`draft:${current.key}`);
    return true;
  } catch (e) {
    report(e, t('Saving failed'));
    return false;
  }
}

function report(e: unknown, prefix: string): void {
  if (e instanceof ApiError) {
    const body = e.body as { issues?: Issue[] } | null;
    if (body?.issues) { serverIssues = body.issues; highlightServerIssues(); }
    const text = e.status === 403 ? t('Only designers can save or publish') : e.status === 409 ? t('The draft was changed by someone else; reload it.') : e.message;
    status(`${prefix}: ${text}`, 'error');
  } else {
    status(`${prefix}: ${String(e)}`, 'error');
  }
}

async function validate(): Promise<void> {
  try {
    const { data } = await api.validate(await exportXml());
    serverIssues = data.issues;
    highlightServerIssues();
    status(data.valid ? t('Validation passed') : `${t('Server validation')}: ${data.issues.filter((i) => i.severity === 'error').length} ${t('error')}`, data.valid ? 'ok' : 'error');
  } catch (e) {
    report(e, t('Server validation'));
  }
}

async function publish(): Promise<void> {
  if (!current || !(await save()) || current.revision === null) return;
  try {
    const { data } = await api.publish(current.key, current.revision);
    status(`${t('Published')} · ${data.key} ${t('Version')} ${data.version}`, 'ok');
    document.body.dataset.published = `${data.key}:${data.version}`;
    await refreshList(`draft:${current.key}`);
  } catch (e) {
    report(e, t('Publishing failed'));
  }
}

async function download(): Promise<void> {
  const xml = await exportXml();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  a.download = `${current?.key ?? 'workflow'}.bpmn`;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function upload(file: File): Promise<void> {
  const xml = await file.text();
  const { warnings } = await modeler.importXML(xml);
  const process = modeler.getDefinitions().rootElements.find((e: Any) => e.$type === 'bpmn:Process');
  const existing = (await api.list()).data.find((w) => w.key === process?.id);
  current = { key: process?.id ?? 'workflow', revision: existing?.draftRevision ?? null, version: null, readOnly: false };
  updateButtons();
  status(`${file.name}${warnings.length ? ` (${warnings.length} warnings)` : ''}`);
  await modeler.get('rfLinting').update();
}

function wire(): void {
  $('#rf-workflows').addEventListener('change', async (e) => {
    const value = (e.target as HTMLSelectElement).value;
    const [kind, key, version] = value.split(':');
    try {
      if (kind === 'draft') await openDraft(key);
      if (kind === 'version') await openVersion(key, Number(version));
    } catch (err) { report(err, t('Open')); }
  });
  $('#rf-templates').addEventListener('change', (e) => {
    const value = (e.target as HTMLSelectElement).value;
    if (value) void newWorkflow(value);
    (e.target as HTMLSelectElement).value = '';
  });
  $('#rf-new').addEventListener('click', () => void newWorkflow(null));
  $('#rf-new-dialog').addEventListener('close', () => { if (($('#rf-new-dialog') as HTMLDialogElement).returnValue === 'ok') void confirmNew(); });
  $('#rf-save').addEventListener('click', () => void save());
  $('#rf-validate').addEventListener('click', () => void validate());
  $('#rf-publish').addEventListener('click', () => void publish());
  $('#rf-download').addEventListener('click', () => void download());
  $('#rf-upload').addEventListener('change', (e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void upload(f); });
  $('#rf-simulate').addEventListener('click', () => modeler.get('toggleMode')?.toggleMode());
  $('#rf-lang').addEventListener('click', () => { setLanguage(language() === 'ko' ? 'en' : 'ko'); location.reload(); });
}

function signInForm(): Promise<void> {
  return new Promise((resolve) => {
    replaceChildren($('#app'), h('form', { id: 'rf-login', class: 'rf-login' },
      h('h1', {}, `ReferralFlow · ${t('Workflow designer')}`),
      h('label', {}, `${t('Email')} `, h('input', { id: 'rf-login-email', type: 'email', autocomplete: 'username', required: true })),
      h('label', {}, `${t('Password')} `, h('input', { id: 'rf-login-password', type: 'password', autocomplete: 'current-password', required: true })),
      h('button', { type: 'submit' }, t('Sign in')), h('p', { id: 'rf-login-error', role: 'alert' })));
    $('#rf-login').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api.login(($('#rf-login-email') as HTMLInputElement).value, ($('#rf-login-password') as HTMLInputElement).value);
        resolve();
      } catch {
        $('#rf-login-error').textContent = t('Sign-in failed');
      }
    });
  });
}

async function start(): Promise<void> {
  document.documentElement.lang = language();
  for (;;) {
    try { me = (await api.me()).data; break; } catch (e) {
      if (e instanceof ApiError && e.status === 401) { await signInForm(); continue; }
      throw e;
    }
  }
  try {
    const { data } = await api.config();
    designerConfig.roles = data.roles;
    designerConfig.policies = data.policies;
    designerConfig.loaded = true;
  } catch { /* free-text fallback in the panel */ }
  renderShell();
  createModeler();
  wire();
  updateButtons();
  await refreshList();
  const key = new URLSearchParams(location.search).get('workflow');
  if (key) await openDraft(key);
  else await importXml(blankDiagram('new-workflow', 'new workflow'), null);
  document.body.dataset.ready = 'true';
}

void start();
