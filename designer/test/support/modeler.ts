/** A real bpmn-js Modeler with the rf moddle, the properties panel and the rf modules, in the test's DOM. */
import { expect, vi } from 'vitest';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import rf from '../../src/moddle/rf.json';
import propertiesModule from '../../src/modeler/properties';
import lintingModule from '../../src/modeler/linting';
import mappingModule from '../../src/modeler/mapping';
import { blankDiagram } from '../../src/blank';
import type { DesignerConfig } from '../../src/config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface TestModeler {
  modeler: Any;
  panel: HTMLElement;
  get: (name: string) => Any;
  destroy: () => void;
}

export async function bootModeler(config?: DesignerConfig, xml = blankDiagram('flow', '흐름')): Promise<TestModeler> {
  const canvas = document.body.appendChild(document.createElement('div'));
  const panel = document.body.appendChild(document.createElement('div'));
  const modeler = new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    moddleExtensions: { rf },
    rf: config,
    // Entries write through at once instead of after the typing pause.
    debounceInput: false,
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, propertiesModule, lintingModule, mappingModule],
  });
  await modeler.importXML(xml);
  return {
    modeler,
    panel,
    get: (name) => modeler.get(name),
    destroy: () => {
      modeler.destroy();
      canvas.remove();
      panel.remove();
    },
  };
}

/** Shapes placed the way the browser test places them: in the pool of the blank diagram. */
export function draw(m: TestModeler) {
  const registry = m.get('elementRegistry');
  const modeling = m.get('modeling');
  const elementFactory = m.get('elementFactory');
  const bpmnFactory = m.get('bpmnFactory');
  const pool = registry.filter((e: Any) => e.type === 'bpmn:Participant')[0];
  const shape = (type: string, id: string, x: number, y = 200, attrs: Record<string, unknown> = {}) =>
    modeling.createShape(elementFactory.createShape({ type, businessObject: bpmnFactory.create(type, { id, ...attrs }) }), { x, y }, pool);
  const connect = (a: Any, b: Any, id: string) => {
    const flow = modeling.connect(a, b);
    modeling.updateProperties(flow, { id });
    return flow;
  };
  return { pool, shape, connect, registry, modeling };
}

/**
 * Selects the element and waits until the panel shows it. The panel subscribes to selection changes in an effect that
 * runs after its first paint, so the selection is repeated until the panel has caught it.
 */
export async function select(m: TestModeler, element: Any): Promise<void> {
  await vi.waitFor(() => {
    m.get('selection').select(element);
    expect(m.panel.querySelector<HTMLInputElement>("input[name='id']")?.value).toBe(element.businessObject.id);
  });
}

export function group(m: TestModeler, id: string): HTMLElement | null {
  return m.panel.querySelector<HTMLElement>(`[data-group-id='group-${id}']`);
}

/** The element matching `selector` inside `root`; throws when there is none. */
export function find<T extends Element = HTMLElement>(root: ParentNode | null, selector: string): T {
  const found = root?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function groupIds(m: TestModeler): string[] {
  return Array.from(m.panel.querySelectorAll<HTMLElement>('[data-group-id]')).map((g) => (g.dataset.groupId ?? '').replace(/^group-/, ''));
}

export function entryIds(m: TestModeler, groupId: string): string[] {
  return Array.from(group(m, groupId)?.querySelectorAll<HTMLElement>('[data-entry-id]') ?? []).map((e) => e.dataset.entryId ?? '');
}

/**
 * After preact's effects of the last render have run (they run after the next frame): an entry re-validates the
 * model's value in an effect, so a user types only once that has happened.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** Types into a text entry as a user does (an input event). */
export async function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await settled();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await settled();
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function input<T extends HTMLElement = HTMLInputElement>(m: TestModeler, name: string): T {
  const found = m.panel.querySelector<T>(`[name='${name}']`);
  if (!found)
    throw new Error(
      `no entry named ${name}; entries: ${Array.from(m.panel.querySelectorAll('[name]'))
        .map((e) => e.getAttribute('name'))
        .join(', ')}`,
    );
  return found;
}
