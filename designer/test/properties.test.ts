// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import rf from '../src/moddle/rf.json';
import { h, render } from '@bpmn-io/properties-panel/preact';
import RfPropertiesProvider from '../src/modeler/properties/RfPropertiesProvider';
import { dueWithPart } from '../src/modeler/properties/deadline';
import { addField, formatOptions, moveFieldUp, parseOptions, removeField, setOptions } from '../src/modeler/properties/fields';
import { fieldElements } from '../src/rf/model';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// Mostly the provider's group structure and the field editing are checked; entries rendered on their own get their
// services (modeling, translate, debounceInput) from this registry.
const services = vi.hoisted(() => ({}) as Record<string, unknown>);
vi.mock('bpmn-js-properties-panel', () => ({ useService: (name: string) => services[name] }));

/** A stand-in for bpmn-js modeling that applies property updates directly (the real one wraps them in undoable commands). */
function fakeModeling() {
  return {
    updateProperties: (element: Any, props: Any) => Object.entries(props).forEach(([k, v]) => element.businessObject.set(k, v)),
    updateModdleProperties: (_element: Any, target: Any, props: Any) => Object.entries(props).forEach(([k, v]) => target.set(k, v)),
  };
}

function setup(type: string, attrs: Record<string, unknown> = {}) {
  const moddle = new BpmnModdle({ rf });
  const bpmnFactory = { create: (t: string, p: Any) => moddle.create(t, p) };
  const element = { id: 'X', businessObject: moddle.create(type, { id: 'X', ...attrs }) };
  let provider: Any;
  const panel = { registerProvider: (_p: number, p: Any) => { provider = p; } };
  new RfPropertiesProvider(panel, (s: string) => s, bpmnFactory, fakeModeling());
  return { moddle, bpmnFactory, element, groups: () => (provider.getGroups(element)([]) as Any[]) };
}

describe('rf properties provider', () => {
  it('offers role, deadline and outcome form groups for a user task', () => {
    const { groups } = setup('bpmn:UserTask');
    expect(groups().map((g) => g.id)).toEqual(['rf-role', 'rf-deadline', 'rf-form']);
    expect(groups()[1].entries.map((e: Any) => e.id)).toEqual(['rf-due-days', 'rf-due-calendar', 'rf-due-hours', 'rf-due', 'rf-escalation']);
  });

  it('hides the hours entry while the deadline counts working days', () => {
    const { groups } = setup('bpmn:UserTask', { 'rf:due': 'P3D', 'rf:dueCalendar': 'working' });
    expect(groups()[1].entries.map((e: Any) => e.id)).toEqual(['rf-due-days', 'rf-due-calendar', 'rf-due', 'rf-escalation']);
  });

  it('the working-days checkbox sets rf:dueCalendar="working" and removes it again', async () => {
    const { moddle, element, groups } = setup('bpmn:UserTask', { 'rf:due': 'P3D' });
    Object.assign(services, { modeling: fakeModeling(), translate: (s: string) => s });
    const entry = groups()[1].entries.find((e: Any) => e.id === 'rf-due-calendar');
    let container: HTMLElement | undefined;
    /** The entry rendered afresh, as the panel does after every change (happy-dom fires change only when attached). */
    const checkbox = () => {
      container?.remove();
      container = document.body.appendChild(document.createElement('div'));
      render(h(entry.component, { element, id: entry.id }), container);
      return container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    };
    expect(checkbox().checked).toBe(false);
    expect(container?.textContent).toContain('Count working days');
    expect(container?.textContent).toContain('whole days only');

    checkbox().click();
    expect(element.businessObject.get('rf:dueCalendar')).toBe('working');
    expect(checkbox().checked).toBe(true);

    checkbox().click();
    expect(element.businessObject.get('rf:dueCalendar')).toBeUndefined();
    expect(checkbox().checked).toBe(false);
    const process = moddle.create('bpmn:Process', { id: 'p', flowElements: [element.businessObject] });
    const { xml } = await moddle.toXML(moddle.create('bpmn:Definitions', { id: 'd', targetNamespace: 'x', rootElements: [process] }));
    expect(xml).toContain('rf:due="P3D"');
    expect(xml).not.toContain('dueCalendar');
    container?.remove();
  });

  it('edits days and hours of rf:due; with working days only whole days are kept', () => {
    expect(dueWithPart('P1DT4H', 'days', 2, false)).toBe('P2DT4H');
    expect(dueWithPart('P1D', 'hours', 6, false)).toBe('P1DT6H');
    expect(dueWithPart(undefined, 'days', 3, false)).toBe('P3D');
    expect(dueWithPart('P1DT4H', 'days', 2, true)).toBe('P2D');
    expect(dueWithPart('PT4H', 'days', 5, true)).toBe('P5D');
    expect(dueWithPart('P3D', 'days', 0, true)).toBeUndefined();
  });

  it('offers the role group for a lane and the send group for a send task', () => {
    expect(setup('bpmn:Lane').groups().map((g) => g.id)).toEqual(['rf-role']);
    expect(setup('bpmn:SendTask').groups().map((g) => g.id)).toEqual(['rf-send']);
  });

  it('offers a condition for flows leaving an exclusive gateway but not a parallel one', () => {
    const moddle = new BpmnModdle({ rf });
    const exclusive = setup('bpmn:SequenceFlow', { sourceRef: moddle.create('bpmn:ExclusiveGateway', { id: 'G' }) });
    expect(exclusive.groups().map((g) => g.id)).toEqual(['rf-condition']);
    const parallel = setup('bpmn:SequenceFlow', { sourceRef: moddle.create('bpmn:ParallelGateway', { id: 'P' }) });
    expect(parallel.groups()).toEqual([]);
  });

  it('adds, lists, reorders and removes outcome form fields as rf:field elements', () => {
    const { element, bpmnFactory, groups } = setup('bpmn:UserTask');
    const modeling = fakeModeling();
    addField(element, bpmnFactory, modeling, []);
    addField(element, bpmnFactory, modeling, ['field1']);
    expect(fieldElements(element.businessObject).map((f) => f.get('id'))).toEqual(['field1', 'field2']);
    const form = groups().find((g) => g.id === 'rf-form');
    expect(form.items.map((i: Any) => i.id)).toEqual(['rf-field-0', 'rf-field-1']);
    const second = fieldElements(element.businessObject)[1];
    moveFieldUp(element, modeling, second);
    expect(fieldElements(element.businessObject).map((f) => f.get('id'))).toEqual(['field2', 'field1']);
    removeField(element, modeling, second);
    expect(fieldElements(element.businessObject).map((f) => f.get('id'))).toEqual(['field1']);
  });

  it('shows the options entry only for select fields and reads options as value=label pairs', () => {
    const { element, bpmnFactory, groups } = setup('bpmn:UserTask');
    const modeling = fakeModeling();
    const field = addField(element, bpmnFactory, modeling, []);
    expect(groups().find((g) => g.id === 'rf-form').items[0].entries.map((e: Any) => e.id)).not.toContain('rf-field-0-options');
    field.set('type', 'select');
    setOptions(element, bpmnFactory, modeling, field, 'high=높음; low=낮음; other');
    expect(formatOptions(field)).toBe('high=높음; low=낮음; other');
    expect(groups().find((g) => g.id === 'rf-form').items[0].entries.map((e: Any) => e.id)).toContain('rf-field-0-options');
    expect(parseOptions(' a = 가 ;; b ')).toEqual([{ value: 'a', label: '가' }, { value: 'b' }]);
  });
});
