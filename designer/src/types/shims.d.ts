/* eslint-disable @typescript-eslint/no-explicit-any -- the shapes of these untyped bpmn-io packages are not declared here */
// Minimal typings for the bpmn-io packages that ship without TypeScript declarations.
declare module 'bpmn-moddle' {
  const BpmnModdle: any;
  export default BpmnModdle;
}
declare module 'bpmn-js/lib/Modeler' {
  const Modeler: any;
  export default Modeler;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: any;
  export const BpmnPropertiesProviderModule: any;
  export function useService(name: string, strict?: boolean): any;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: any;
  export const TextAreaEntry: any;
  export const SelectEntry: any;
  export const CheckboxEntry: any;
  export const ListGroup: any;
  export const isTextFieldEntryEdited: any;
  export const isSelectEntryEdited: any;
  export const isTextAreaEntryEdited: any;
  export const isCheckboxEntryEdited: any;
}
declare module 'bpmn-js-properties-panel/dist/assets/properties-panel.css';
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
  export interface LintReport {
    id?: string;
    message: string;
    category: string;
    path?: unknown;
  }
}
declare module 'bpmnlint/lib/testers/helper' {
  export function is(node: unknown, type: string): boolean;
  export function isAny(node: unknown, types: string[]): boolean;
}
declare module 'bpmn-js-token-simulation' {
  const TokenSimulationModule: any;
  export default TokenSimulationModule;
}
declare module 'bpmn-js/lib/util/ModelUtil' {
  export function is(element: unknown, type: string): boolean;
  export function getBusinessObject(element: unknown): any;
}
declare module 'bpmn-js/lib/features/modeling/util/ModelingUtil' {
  export function isAny(element: unknown, types: string[]): boolean;
}
declare module '*.bpmn?raw' {
  const xml: string;
  export default xml;
}
declare module '*.css';
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: unknown, ...children: unknown[]): any;
  export function render(vnode: unknown, parent: Element): void;
}
