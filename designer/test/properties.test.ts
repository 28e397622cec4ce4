// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dueWithPart } from '../src/modeler/properties/deadline';
import { parseOptions } from '../src/modeler/properties/fields';
import { fieldElements } from '../src/rf/model';
import { bootModeler, choose, draw, entryIds, find, group, groupIds, input, select, type, type TestModeler } from './support/modeler';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const config = {
  roles: [
    { key: 'dong', name: '동주민센터', agencies: ['nangok-dong'] },
    { key: 'cleaning', name: '구청 청소과', agencies: ['gwanak-cleaning'] },
  ],
  policies: ['default', 'urgent'],
  loaded: true,
};

let m: TestModeler | undefined;
afterEach(() => {
  m?.destroy();
  m = undefined;
});

async function modelerWith(type: string, attrs: Record<string, unknown> = {}) {
  m = await bootModeler(config);
  const element = draw(m).shape(type, 'X', 300, 200, attrs);
  await select(m, element);
  return { m, element, bo: element.businessObject };
}

const rfGroups = (t: TestModeler) => groupIds(t).filter((id) => id.startsWith('rf-'));

async function xml(t: TestModeler): Promise<string> {
  return (await t.modeler.saveXML({ format: true })).xml;
}

describe('rf properties panel on a real modeler', () => {
  it('offers role, deadline and outcome form groups for a user task', async () => {
    const { m } = await modelerWith('bpmn:UserTask');
    expect(rfGroups(m)).toEqual(['rf-role', 'rf-deadline', 'rf-form']);
    expect(entryIds(m, 'rf-deadline')).toEqual(['rf-due-days', 'rf-due-calendar', 'rf-due-hours', 'rf-due', 'rf-escalation']);
  });

  it('offers the role group for a lane and the send group for a send task', async () => {
    m = await bootModeler(config);
    const { pool, modeling, registry, shape } = draw(m);
    modeling.splitLane(pool, 2);
    const lane = registry.filter((e: Any) => e.type === 'bpmn:Lane')[0];
    await select(m, lane);
    expect(rfGroups(m)).toEqual(['rf-role']);
    await select(m, shape('bpmn:SendTask', 'Send_1', 300, lane.y + 30));
    expect(rfGroups(m)).toEqual(['rf-send']);
  });

  it('picks a lane role from the host roles and writes it as rf:role', async () => {
    m = await bootModeler(config);
    const { pool, modeling, registry } = draw(m);
    modeling.splitLane(pool, 2);
    const lane = registry.filter((e: Any) => e.type === 'bpmn:Lane')[0];
    await select(m, lane);
    const roles = input<HTMLSelectElement>(m, 'rf-role-select');
    expect(Array.from(roles.options).map((o) => o.textContent)).toEqual(['(none)', '동주민센터 (dong)', '구청 청소과 (cleaning)']);
    await choose(roles, 'cleaning');
    expect(lane.businessObject.get('rf:role')).toBe('cleaning');
    expect(await xml(m)).toMatch(/<bpmn:lane id="[^"]+" rf:role="cleaning"/);
  });

  it('the working-days checkbox sets rf:dueCalendar="working", hides the hours entry and is undoable', async () => {
    const { m, bo } = await modelerWith('bpmn:UserTask', { 'rf:due': 'P3D' });
    const checkbox = () => input(m, 'rf-due-calendar');
    expect(checkbox().checked).toBe(false);
    expect(group(m, 'rf-deadline')?.textContent).toContain('whole days only');

    checkbox().click();
    expect(bo.get('rf:dueCalendar')).toBe('working');
    await vi.waitFor(() => expect(entryIds(m, 'rf-deadline')).toEqual(['rf-due-days', 'rf-due-calendar', 'rf-due', 'rf-escalation']));
    expect(checkbox().checked).toBe(true);
    expect(await xml(m)).toContain('rf:dueCalendar="working"');

    m.get('commandStack').undo();
    expect(bo.get('rf:dueCalendar')).toBeUndefined();
    await vi.waitFor(() => expect(entryIds(m, 'rf-deadline')).toContain('rf-due-hours'));
    expect(checkbox().checked).toBe(false);
    const saved = await xml(m);
    expect(saved).toContain('rf:due="P3D"');
    expect(saved).not.toContain('dueCalendar');
  });

  it('edits days and hours of rf:due through their entries', async () => {
    const { m, bo } = await modelerWith('bpmn:UserTask');
    await type(input(m, 'rf-due-days'), '2');
    expect(bo.get('rf:due')).toBe('P2D');
    await type(input(m, 'rf-due-hours'), '4');
    expect(bo.get('rf:due')).toBe('P2DT4H');
    await vi.waitFor(() => expect(input(m, 'rf-due').value).toBe('P2DT4H'));
    await type(input(m, 'rf-due'), 'P1X');
    await vi.waitFor(() =>
      expect(m.panel.querySelector("[data-entry-id='rf-due'] .bio-properties-panel-error")?.textContent).toContain('P3D'),
    );
    expect(bo.get('rf:due')).toBe('P2DT4H');
  });

  it('keeps only whole days when working days count', () => {
    expect(dueWithPart('P1DT4H', 'days', 2, false)).toBe('P2DT4H');
    expect(dueWithPart('P1D', 'hours', 6, false)).toBe('P1DT6H');
    expect(dueWithPart(undefined, 'days', 3, false)).toBe('P3D');
    expect(dueWithPart('P1DT4H', 'days', 2, true)).toBe('P2D');
    expect(dueWithPart('PT4H', 'days', 5, true)).toBe('P5D');
    expect(dueWithPart('P3D', 'days', 0, true)).toBeUndefined();
  });

  it('offers the host escalation policies, or free text without them', async () => {
    const { m, bo } = await modelerWith('bpmn:UserTask');
    const policies = input<HTMLSelectElement>(m, 'rf-escalation');
    expect(Array.from(policies.options).map((o) => o.value)).toEqual(['', 'default', 'urgent']);
    await choose(policies, 'urgent');
    expect(bo.get('rf:escalation')).toBe('urgent');

    const free = await bootModeler();
    try {
      await select(free, draw(free).shape('bpmn:UserTask', 'Y', 300));
      expect(input(free, 'rf-escalation').tagName).toBe('INPUT');
    } finally {
      free.destroy();
    }
  });

  it('offers a checked condition for flows leaving an exclusive gateway but not a parallel one', async () => {
    m = await bootModeler(config);
    const { shape, connect } = draw(m);
    const exclusive = shape('bpmn:ExclusiveGateway', 'G', 250);
    const parallel = shape('bpmn:ParallelGateway', 'P', 250, 350);
    const yes = connect(exclusive, shape('bpmn:UserTask', 'A', 450), 'Flow_Yes');
    const split = connect(parallel, shape('bpmn:UserTask', 'B', 450, 350), 'Flow_Split');

    await select(m, split);
    expect(rfGroups(m)).toEqual([]);
    await select(m, yes);
    expect(rfGroups(m)).toEqual(['rf-condition']);
    await type(input(m, 'rf-condition-expression'), 'needCleaning = true');
    await vi.waitFor(() =>
      expect(m?.panel.querySelector("[data-entry-id='rf-condition-expression'] .bio-properties-panel-error")?.textContent).toContain('=='),
    );
    expect(yes.businessObject.conditionExpression).toBeUndefined();
    await type(input(m, 'rf-condition-expression'), 'needCleaning == true');
    expect(yes.businessObject.conditionExpression.body).toBe('needCleaning == true');
    expect(await xml(m)).toContain('needCleaning == true</bpmn:conditionExpression>');
  });

  it('adds, edits, reorders and removes outcome form fields as rf:field elements', async () => {
    const { m, bo } = await modelerWith('bpmn:UserTask');
    const add = () => find(group(m, 'rf-form'), '.bio-properties-panel-add-entry').click();
    const ids = () => fieldElements(bo).map((f) => f.get('id'));
    add();
    add();
    expect(ids()).toEqual(['field1', 'field2']);
    await vi.waitFor(() => expect(m.panel.querySelector("[name='rf-field-1-id']")).not.toBeNull());

    await type(input(m, 'rf-field-1-id'), 'visitDate');
    await choose(input<HTMLSelectElement>(m, 'rf-field-1-type'), 'select');
    await vi.waitFor(() => expect(m.panel.querySelector("[name='rf-field-1-options']")).not.toBeNull());
    await type(input(m, 'rf-field-1-options'), 'high=높음; low=낮음; other');
    const saved = await xml(m);
    expect(saved).toContain('<rf:field id="visitDate" type="select"');
    expect(saved).toContain('<rf:option value="high" label="높음" />');

    // Only the second field can move up.
    expect(group(m, 'rf-form')?.querySelectorAll('.rf-move-up')).toHaveLength(1);
    find(group(m, 'rf-form'), '.rf-move-up').click();
    expect(ids()).toEqual(['visitDate', 'field1']);
    m.get('commandStack').undo();
    expect(ids()).toEqual(['field1', 'visitDate']);

    await vi.waitFor(() => expect(group(m, 'rf-form')?.querySelectorAll('.bio-properties-panel-list-item')).toHaveLength(2));
    find(group(m, 'rf-form'), '.bio-properties-panel-remove-entry').click();
    expect(ids()).toEqual(['visitDate']);
  });

  it('the health-data checkbox writes rf:health="true" on the field, removes it when cleared and is undoable', async () => {
    const { m, bo } = await modelerWith('bpmn:UserTask');
    find(group(m, 'rf-form'), '.bio-properties-panel-add-entry').click();
    await vi.waitFor(() => expect(m.panel.querySelector("[name='rf-field-0-health']")).not.toBeNull());
    expect(entryIds(m, 'rf-form')).toContain('rf-field-0-health');
    const checkbox = () => input(m, 'rf-field-0-health');
    const field = () => fieldElements(bo)[0];
    expect(checkbox().checked).toBe(false);

    checkbox().click();
    expect(field().get('health')).toBe('true');
    expect(await xml(m)).toMatch(/<rf:field id="field1" type="text" label="" health="true" \/>/);
    await vi.waitFor(() => expect(checkbox().checked).toBe(true));

    checkbox().click();
    expect(field().get('health')).toBeUndefined();
    expect(await xml(m)).not.toContain('health=');
    m.get('commandStack').undo();
    expect(field().get('health')).toBe('true');
  });

  it('reads options as value=label pairs', () => {
    expect(parseOptions(' a = 가 ;; b ')).toEqual([{ value: 'a', label: '가' }, { value: 'b' }]);
  });
});
