// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import rf from '../src/moddle/rf.json';
import { summarize } from '../src/rf/model';
import { readRfFromXml } from './xmlOracle';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const fixtures = resolve(__dirname, 'fixtures');
const templates = resolve(__dirname, '../../workflows/templates');
const files = [
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => join(fixtures, f)),
  ...readdirSync(templates)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => join(templates, f)),
];

async function roundTrip(xml: string) {
  const moddle = new BpmnModdle({ rf });
  const first = await moddle.fromXML(xml);
  const { xml: exported } = await moddle.toXML(first.rootElement, { format: true });
  const second = await new BpmnModdle({ rf }).fromXML(exported);
  return { first, exported: exported as string, second };
}

describe('moddle round trip of the rf: extension', () => {
  it('finds the shared fixtures and the bundled templates', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    const name = file.split('/').slice(-2).join('/');
    it(`${name}: imports without warnings and keeps every rf attribute, field and condition after export`, async () => {
      const xml = readFileSync(file, 'utf8');
      const { first, exported, second } = await roundTrip(xml);
      expect(first.warnings).toEqual([]);
      expect(second.warnings).toEqual([]);
      const literal = readRfFromXml(xml);
      expect(summarize(first.rootElement)).toEqual(literal);
      expect(summarize(second.rootElement)).toEqual(literal);
      expect(readRfFromXml(exported)).toEqual(literal);
      expect(exported).toContain('xmlns:rf="http://referralflow.org/schema/bpmn/1.0"');
    });
  }

  it('reads the contract fixture exactly as the C# parser is expected to (rf-contract.expected.json)', async () => {
    const xml = readFileSync(join(fixtures, 'rf-contract.bpmn'), 'utf8');
    const expected = JSON.parse(readFileSync(join(fixtures, 'rf-contract.expected.json'), 'utf8'));
    const { second } = await roundTrip(xml);
    expect(summarize(second.rootElement)).toEqual(expected);
    // rf:dueCalendar straight from moddle: a missing key in the JSON means the attribute is absent (calendar time).
    const tasks = expected.userTasks as Record<string, { dueCalendar?: string }>;
    expect(Object.values(tasks).some((t) => t.dueCalendar === 'working')).toBe(true);
    for (const [id, want] of Object.entries(tasks)) {
      const bo = (second.elementsById as Record<string, Any>)[id];
      expect(bo.get('rf:dueCalendar') ?? null, id).toBe(want.dueCalendar ?? null);
    }
  });

  it('writes rf:dueCalendar when set, reads it back, and leaves it out once removed', async () => {
    const moddle = new BpmnModdle({ rf });
    const task = moddle.create('bpmn:UserTask', { id: 'T' });
    task.set('rf:due', 'P5D');
    task.set('rf:dueCalendar', 'working');
    const process = moddle.create('bpmn:Process', { id: 'p', flowElements: [task] });
    const defs = moddle.create('bpmn:Definitions', { id: 'd', targetNamespace: 'x', rootElements: [process] });
    const { xml } = await moddle.toXML(defs);
    expect(xml).toContain('rf:dueCalendar="working"');
    const back = await new BpmnModdle({ rf }).fromXML(xml);
    expect(back.warnings).toEqual([]);
    expect(back.elementsById.T.get('rf:dueCalendar')).toBe('working');
    expect(summarize(back.rootElement).userTasks.T).toMatchObject({ due: 'P5D', dueCalendar: 'working' });
    task.set('rf:dueCalendar', undefined);
    const { xml: without } = await moddle.toXML(defs);
    expect(without).not.toContain('dueCalendar');
    expect(summarize(defs).userTasks.T).not.toHaveProperty('dueCalendar');
  });

  it('creates rf:field and rf:option elements that serialize inside bpmn:extensionElements', async () => {
    const moddle = new BpmnModdle({ rf });
    const option = moddle.create('rf:Option', { value: 'a', label: '가' });
    const field = moddle.create('rf:Field', { id: 'choice', type: 'select', label: '선택', required: true, options: [option] });
    const ext = moddle.create('bpmn:ExtensionElements', { values: [field] });
    const task = moddle.create('bpmn:UserTask', { id: 'T', extensionElements: ext });
    task.set('rf:due', 'P2D');
    const process = moddle.create('bpmn:Process', { id: 'p', flowElements: [task] });
    const defs = moddle.create('bpmn:Definitions', { id: 'd', targetNamespace: 'x', rootElements: [process] });
    const { xml } = await moddle.toXML(defs);
    expect(xml).toContain('rf:due="P2D"');
    expect(xml).toMatch(/<rf:field id="choice" type="select" label="선택" required="true">\s*<rf:option value="a" label="가" \/>/);
  });
});
