// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lint } from '../src/lint/lint';
import { suggestRole } from '../src/modeler/mapping/plan';
import { runProcess } from '../src/rf/process';
import { openMappingDialog } from '../src/app/mappingDialog';
import { bootModeler, find, type TestModeler } from './support/modeler';
import { camundaCollaboration, stripRf } from './support/foreign';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const roles = [
  { key: 'dong', name: '동주민센터 맞춤형복지팀', agencies: ['a'] },
  { key: 'benefits', name: '복지급여', agencies: ['b'] },
  { key: 'hub', name: '희망복지지원단', agencies: ['c'] },
  { key: 'accounting', name: '회계', agencies: ['d'] },
  { key: 'health', name: '보건', agencies: ['e'] },
  { key: 'meals', name: '식사 지원', agencies: ['f'] },
  { key: 'safety', name: '안전 확인', agencies: ['g'] },
];
const config = { roles, policies: ['standard'], loaded: true };
const lintConfig = { roles: roles.map((r) => r.key), policies: ['standard'] };

let m: TestModeler | undefined;
afterEach(() => {
  m?.destroy();
  m = undefined;
});

const errorsOf = async (t: TestModeler) =>
  (await lint(t.modeler.getDefinitions(), lintConfig)).filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.elementId}`);
const bo = (t: TestModeler, id: string) => t.get('elementRegistry').get(id).businessObject;

describe('making a foreign model runnable (mapping dialog service on a real modeler)', () => {
  it('plans the process choice, lane and group roles, tasks without a role, plain tasks, send kinds and conditions', async () => {
    m = await bootModeler(config, camundaCollaboration());
    const plan = m.get('rfMapping').plan('care');

    expect(plan.needed).toBe(true);
    expect(plan.processes).toEqual([
      { id: 'side', name: '안내', size: 2 },
      { id: 'care', name: '돌봄 연계', size: 7 },
    ]);
    expect(plan.process).toBe('care');
    expect(plan.lanes).toEqual(
      [
        { id: 'Lane_Dong', name: '동주민센터 맞춤형복지팀', current: '동주민센터-맞춤형복지팀', suggested: 'dong' },
        { id: 'Lane_Acc', name: 'Accounting', current: 'accounting', suggested: 'accounting' },
      ].filter((l) => l.id !== 'Lane_Acc'),
    );
    expect(plan.groups).toEqual([]);
    expect(plan.unassigned).toEqual([{ id: 'Call', name: '안부 전화' }]);
    expect(plan.plainTasks).toEqual([{ id: 'Visit', name: '가정 방문' }]);
    expect(plan.sendTasks).toEqual([{ id: 'Mail', name: '결과 알림' }]);
    // `${approved}` is read as the engine reads it; only the flow without a condition needs one.
    expect(plan.conditions).toEqual([{ flow: 'Flow_No', gateway: 'Check', gatewayName: '지원 필요?', current: '' }]);
  });

  it('lists a candidate group that is no district role, and the engine picks the side process until one is chosen', async () => {
    m = await bootModeler({ ...config, roles: roles.filter((r) => r.key !== 'accounting') }, camundaCollaboration());
    const plan = m.get('rfMapping').plan();
    expect(plan.process).toBe('side');
    expect(m.get('rfMapping').plan('care').groups).toEqual([{ group: 'accounting', tasks: ['Pay'], suggested: null }]);
  });

  it('writes every choice through the command stack as one undoable step, after which the model lints clean', async () => {
    m = await bootModeler(config, camundaCollaboration());
    m.get('rfMapping').apply({
      process: 'care',
      laneRoles: { Lane_Dong: 'dong' },
      taskRoles: { Call: 'hub' },
      userTasks: ['Visit'],
      sends: { Mail: { type: 'email', to: 'role:dong' } },
      conditions: { Flow_Yes: { body: 'approved == true' }, Flow_No: { isDefault: true } },
    });

    const definitions = m.modeler.getDefinitions();
    expect(definitions.get('rf:process')).toBe('care');
    expect(runProcess(definitions).id).toBe('care');
    expect(bo(m, 'Visit').$type).toBe('bpmn:UserTask');
    expect(bo(m, 'Lane_Dong').get('rf:role')).toBe('dong');
    expect(bo(m, 'Call').get('rf:role')).toBe('hub');
    expect(bo(m, 'Mail').get('rf:type')).toBe('email');
    expect(bo(m, 'Mail').get('rf:to')).toBe('role:dong');
    expect(bo(m, 'Flow_Yes').conditionExpression.body).toBe('approved == true');
    expect(bo(m, 'Check').default.id).toBe('Flow_No');
    expect(await errorsOf(m)).toEqual([]);
    expect(m.get('rfMapping').plan().needed).toBe(false);
    const { xml } = await m.modeler.saveXML();
    expect(xml).toContain('rf:process="care"');
    // Camunda's own attribute is kept as written; rf:role is what the engine reads first.
    expect(xml).toContain('camunda:candidateGroups="accounting,finance"');

    m.get('commandStack').undo();
    expect(m.modeler.getDefinitions().get('rf:process')).toBeUndefined();
    expect(bo(m, 'Visit').$type).toBe('bpmn:Task');
    expect(bo(m, 'Lane_Dong').get('rf:role')).toBeUndefined();
    expect(bo(m, 'Flow_Yes').conditionExpression.body).toBe('${approved}');
    m.get('commandStack').redo();
    expect(bo(m, 'Visit').$type).toBe('bpmn:UserTask');
    expect(bo(m, 'Call').get('rf:role')).toBe('hub');
  });

  it('a bundled template stripped of rf: is runnable again once its lanes and send tasks are mapped', async () => {
    const template = readFileSync(resolve(__dirname, '../../workflows/templates/discharge-elderly-alone.bpmn'), 'utf8');
    m = await bootModeler(config, stripRf(template));
    expect(await errorsOf(m)).not.toEqual([]);
    const plan = m.get('rfMapping').plan();
    expect(plan.lanes.map((l: Any) => [l.id, l.suggested])).toEqual([
      ['Lane_Dong', 'dong'],
      ['Lane_Hub', 'hub'],
      ['Lane_Health', 'health'],
      ['Lane_Meals', null],
      ['Lane_Safety', null],
      ['Lane_Benefits', 'benefits'],
    ]);
    expect(plan.sendTasks.map((s: Any) => s.id)).toEqual(['Send_VisitOverdueAlert', 'Send_ReplyReferrer']);

    m.get('rfMapping').apply({
      laneRoles: {
        Lane_Dong: 'dong',
        Lane_Hub: 'hub',
        Lane_Health: 'health',
        Lane_Meals: 'meals',
        Lane_Safety: 'safety',
        Lane_Benefits: 'benefits',
      },
      sends: { Send_VisitOverdueAlert: { type: 'email', to: 'role:hub' }, Send_ReplyReferrer: { type: 'notify-referrer' } },
    });
    expect(await errorsOf(m)).toEqual([]);
  });

  it('suggests a role by key, by name, or by one name inside the other', () => {
    expect(suggestRole('동주민센터 맞춤형복지팀', roles)).toBe('dong');
    expect(suggestRole('동 복지급여 담당', roles)).toBe('benefits');
    expect(suggestRole('HUB', roles)).toBe('hub');
    expect(suggestRole('Kitchen', roles)).toBeNull();
  });
});

describe('the mapping dialog', () => {
  it('labels every control, prefills matching roles, re-plans for another process and returns the choices', async () => {
    m = await bootModeler(config, camundaCollaboration());
    const opened = openMappingDialog(m.get('rfMapping'));
    const dialog = find<HTMLDialogElement>(document, '#rf-mapping');
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('rf-mapping-title');
    const processSelect = find<HTMLSelectElement>(dialog, '#rf-map-process');
    // The engine's own pick is the two-node side process; choosing the care process shows what it needs.
    expect(processSelect.value).toBe('side');
    expect(dialog.querySelectorAll('[data-map]')).toHaveLength(0);
    processSelect.value = 'care';
    processSelect.dispatchEvent(new Event('change'));
    for (const control of Array.from(dialog.querySelectorAll('select, input')))
      expect(control.closest('label'), control.outerHTML).not.toBeNull();
    const lane = find<HTMLSelectElement>(dialog, "[data-map='lane'][data-id='Lane_Dong']");
    expect(lane.value).toBe('dong');
    find<HTMLSelectElement>(dialog, "[data-map='task'][data-id='Call']").value = 'hub';
    find<HTMLSelectElement>(dialog, "[data-map='send'][data-id='Mail']").value = 'email:role:dong';
    find<HTMLInputElement>(dialog, "[data-map='default'][data-id='Flow_No']").checked = true;
    dialog.close('ok');

    expect(await opened).toEqual({
      process: 'care',
      laneRoles: { Lane_Dong: 'dong' },
      groupRoles: {},
      taskRoles: { Call: 'hub' },
      userTasks: ['Visit'],
      sends: { Mail: { type: 'email', to: 'role:dong' } },
      conditions: { Flow_No: { isDefault: true } },
    });
    expect(document.querySelector('#rf-mapping')).toBeNull();
  });

  it('changes nothing when closed without Apply (Esc or Cancel)', async () => {
    m = await bootModeler(config, camundaCollaboration());
    const opened = openMappingDialog(m.get('rfMapping'));
    find<HTMLDialogElement>(document, '#rf-mapping').close();
    expect(await opened).toBeNull();
  });
});
