/** What every rf lint rule shares: the rule shape, graph helpers read like the server's, and report arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;
export interface Reporter {
  report(id: string, message: string, data?: { args: Record<string, string> }): void;
}
export interface Rule {
  check(node: Node, reporter: Reporter): void;
}
export interface RuleConfig {
  roles?: string[];
  policies?: string[];
}

export const is = (node: Node, type: string): boolean => typeof node?.$instanceOf === 'function' && node.$instanceOf(type);
export const name = (node: Node): string => (node.name && String(node.name).trim()) || node.id;
export const flowElements = (process: Node): Node[] => process.flowElements ?? [];
export const isNoneStart = (n: Node) => n.$type === 'bpmn:StartEvent' && !n.eventDefinitions?.length;
export const processOf = (node: Node): Node | undefined => {
  let p = node?.$parent;
  while (p && !is(p, 'bpmn:Process')) p = p.$parent;
  return p;
};
/** Flows by source and target, read from the process's sequence flows (like the server), not from bpmn:outgoing. */
export const flowsOf = (n: Node): Node[] => {
  const process = processOf(n);
  return process ? flowElements(process).filter((f: Node) => f.$type === 'bpmn:SequenceFlow') : [];
};
export const outgoing = (n: Node): Node[] => flowsOf(n).filter((f) => f.sourceRef === n);
export const incoming = (n: Node): Node[] => flowsOf(n).filter((f) => f.targetRef === n);
export const timerDefinition = (n: Node): Node | undefined =>
  (n.eventDefinitions ?? []).find((d: Node) => d.$type === 'bpmn:TimerEventDefinition');

/** The arguments of a report, named as in the shared issue texts (issue-texts.json), so the list can show them in Korean. */
export type Args = Record<string, string>;
export const named = (n: Node, more: Args = {}) => ({ args: { name: name(n), ...more } });

export type RuleFactory = (config?: RuleConfig) => Rule;
export const perProcess = (check: (process: Node, reporter: Reporter) => void) => (): Rule => ({
  check(node, reporter) {
    if (node.$type === 'bpmn:Process') check(node, reporter);
  },
});
export const perType = (type: string, check: (node: Node, reporter: Reporter) => void) => (): Rule => ({
  check(node, reporter) {
    if (is(node, type)) check(node, reporter);
  },
});
