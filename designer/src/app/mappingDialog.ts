/**
 * The one dialog that makes a foreign model runnable ("실행 가능하게 만들기"): the process to run, a district role for
 * each lane, candidate group and task without one, plain tasks as user tasks, what send tasks do and the conditions an
 * exclusive gateway lacks. A modal <dialog>: labelled controls, focus on the first one, Esc cancels, focus returns.
 */
import type { RoleInfo } from '../config';
import { t } from '../i18n';
import type { MappingChoices } from '../modeler/mapping/RfMapping';
import type { Plan } from '../modeler/mapping/plan';
import { h, replaceChildren, type Child } from './dom';

const INTRO =
  'Map this model to the district: a role for each lane and task, user tasks, notifications, conditions and the process to run. Apply is one step you can undo.';

export interface MappingSource {
  readonly roles: RoleInfo[];
  plan(processId?: string): Plan;
}

const field = (text: string, control: HTMLElement, hint?: string) =>
  h('label', { class: 'rf-map-row' }, h('span', {}, text), control, hint ? h('small', {}, hint) : null);

/** A select of the district's roles, or a text box for a role key when the host sent none. */
function roleControl(roles: readonly RoleInfo[], kind: string, id: string, value: string | null): HTMLElement {
  const data = { 'data-map': kind, 'data-id': id };
  if (!roles.length) return h('input', { ...data, value: value ?? '', pattern: '[a-z0-9_\\-]{1,64}', placeholder: t('New role key') });
  const select = h(
    'select',
    data,
    h('option', { value: '' }, t('(choose a role)')),
    roles.map((r) => h('option', { value: r.key }, `${r.name} (${r.key})`)),
  );
  select.value = value && roles.some((r) => r.key === value) ? value : '';
  return select;
}

function sendControl(roles: readonly RoleInfo[], id: string): HTMLSelectElement {
  return h(
    'select',
    { 'data-map': 'send', 'data-id': id },
    h('option', { value: '' }, t('(leave as it is)')),
    h('option', { value: 'notify-referrer' }, t('Reply to the referrer')),
    roles.map((r) => h('option', { value: `email:role:${r.key}` }, `${t('E-mail to')} ${r.name} (${r.key})`)),
  );
}

const section = (legend: string, rows: Child[]) => (rows.length ? h('fieldset', {}, h('legend', {}, legend), rows) : null);

function sections(plan: Plan, roles: readonly RoleInfo[]): Child[] {
  const roleRows = [
    ...plan.lanes.map((l) => field(`${t('Lane')} '${l.name}'`, roleControl(roles, 'lane', l.id, l.suggested), `${t('now')}: ${l.current}`)),
    ...plan.groups.map((g) =>
      field(`${t('Candidate group')} '${g.group}'`, roleControl(roles, 'group', g.group, g.suggested), g.tasks.join(', ')),
    ),
    ...plan.unassigned.map((task) => field(`${t('Task without a role')} '${task.name}'`, roleControl(roles, 'task', task.id, null))),
  ];
  const plainRows = plan.plainTasks.map((task) =>
    h(
      'label',
      { class: 'rf-map-row' },
      h('input', { type: 'checkbox', checked: true, 'data-map': 'plain', 'data-id': task.id }),
      ` ${t('Run as a user task')}: '${task.name}'`,
    ),
  );
  const sendRows = plan.sendTasks.map((task) => field(`'${task.name}'`, sendControl(roles, task.id)));
  const conditionRows = plan.conditions.map((c) =>
    h(
      'div',
      { class: 'rf-map-row' },
      field(
        `${t('Condition')} '${c.flow}' (${c.gatewayName})`,
        h('input', { 'data-map': 'condition', 'data-id': c.flow, value: c.current, placeholder: 'needed == true' }),
      ),
      h('label', {}, h('input', { type: 'checkbox', 'data-map': 'default', 'data-id': c.flow }), ` ${t('Default flow')}`),
    ),
  );
  return [
    section(t('Roles'), roleRows),
    section(t('User tasks'), plainRows),
    section(t('Notifications'), sendRows),
    section(t('Conditions'), conditionRows),
  ];
}

/** What the user chose; a role left unchosen and a condition left blank change nothing. */
export function collectChoices(root: ParentNode, process: string | undefined): MappingChoices {
  const choices: Required<MappingChoices> = {
    process: process ?? '',
    laneRoles: {},
    groupRoles: {},
    taskRoles: {},
    userTasks: [],
    sends: {},
    conditions: {},
  };
  for (const control of Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-map]'))) {
    const id = control.dataset.id ?? '';
    const value = control.value.trim();
    const checked = control instanceof HTMLInputElement && control.checked;
    switch (control.dataset.map) {
      case 'lane':
        if (value) choices.laneRoles[id] = value;
        break;
      case 'group':
        if (value) choices.groupRoles[id] = value;
        break;
      case 'task':
        if (value) choices.taskRoles[id] = value;
        break;
      case 'plain':
        if (checked) choices.userTasks.push(id);
        break;
      case 'send':
        if (value === 'notify-referrer') choices.sends[id] = { type: 'notify-referrer' };
        else if (value.startsWith('email:')) choices.sends[id] = { type: 'email', to: value.slice('email:'.length) };
        break;
      case 'condition':
        if (value) choices.conditions[id] = { ...choices.conditions[id], body: value };
        break;
      case 'default':
        if (checked) choices.conditions[id] = { ...choices.conditions[id], isDefault: true };
        break;
    }
  }
  return { ...choices, process: choices.process || undefined };
}

/** Shows the dialog; resolves with the choices on Apply, null on Cancel or Esc. */
export function openMappingDialog(mapping: MappingSource): Promise<MappingChoices | null> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const first = mapping.plan();
  const body = h('div', { class: 'rf-map-sections' });
  const processSelect =
    first.processes.length > 1
      ? h(
          'select',
          { id: 'rf-map-process' },
          first.processes.map((p) => h('option', { value: p.id }, `${p.name} (${p.id}) · ${t('{n} steps', { n: p.size })}`)),
        )
      : null;
  const render = (processId?: string) => replaceChildren(body, sections(mapping.plan(processId), mapping.roles));
  if (processSelect) {
    processSelect.value = first.process ?? '';
    processSelect.addEventListener('change', () => render(processSelect.value));
  }
  render(first.process ?? undefined);
  const dialog = h(
    'dialog',
    { id: 'rf-mapping', 'aria-labelledby': 'rf-mapping-title', 'aria-describedby': 'rf-mapping-intro' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'rf-mapping-title' }, t('Make runnable')),
      h('p', { id: 'rf-mapping-intro' }, t(INTRO)),
      processSelect ? h('fieldset', {}, h('legend', {}, t('Process to run')), field(t('Process to run'), processSelect)) : null,
      body,
      h(
        'div',
        { class: 'rf-map-actions' },
        h('button', { id: 'rf-map-apply', type: 'submit', value: 'ok' }, t('Apply')),
        ' ',
        h('button', { id: 'rf-map-cancel', type: 'submit', value: 'cancel', formnovalidate: true }, t('Cancel')),
      ),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const choices = dialog.returnValue === 'ok' ? collectChoices(dialog, processSelect?.value) : null;
      dialog.remove();
      opener?.focus();
      resolve(choices);
    });
    dialog.showModal();
  });
}
