/**
 * bpmnlint rules mirroring the server's validator (workflows/ReferralFlow.Workflows/Validation and Parsing):
 * same codes, same English messages, so the canvas shows what publish would refuse. Rule name = issue code.
 */
import { checkExpression } from '../rf/expression';
import { isIsoDuration, isWholeDays } from '../rf/duration';
import { DUE_CALENDARS, countsWorkingDays } from '../rf/model';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
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

const is = (node: Node, type: string): boolean => typeof node?.$instanceOf === 'function' && node.$instanceOf(type);
const name = (node: Node): string => (node.name && String(node.name).trim()) || node.id;
const flowElements = (process: Node): Node[] => process.flowElements ?? [];
const isNoneStart = (n: Node) => n.$type === 'bpmn:StartEvent' && !n.eventDefinitions?.length;
const processOf = (node: Node): Node | undefined => {
  let p = node?.$parent;
  while (p && !is(p, 'bpmn:Process')) p = p.$parent;
  return p;
};
/** Flows by source and target, read from the process's sequence flows (like the server), not from bpmn:outgoing. */
const flowsOf = (n: Node): Node[] => {
  const process = processOf(n);
  return process ? flowElements(process).filter((f: Node) => f.$type === 'bpmn:SequenceFlow') : [];
};
const outgoing = (n: Node): Node[] => flowsOf(n).filter((f) => f.sourceRef === n);
const incoming = (n: Node): Node[] => flowsOf(n).filter((f) => f.targetRef === n);
const timerDefinition = (n: Node): Node | undefined =>
  (n.eventDefinitions ?? []).find((d: Node) => d.$type === 'bpmn:TimerEventDefinition');

/** Every lane of a process, nested ones included. */
export function lanesOf(process: Node): Node[] {
  const out: Node[] = [];
  const visit = (laneSet: Node) =>
    (laneSet?.lanes ?? []).forEach((l: Node) => {
      out.push(l);
      visit(l.childLaneSet);
    });
  (process.laneSets ?? []).forEach(visit);
  return out;
}

/** The lane role as the engine derives it: rf:role, else a slug of the name or id (LaneReader.Slug). */
export function laneRole(lane: Node): string {
  const explicit = lane.get ? lane.get('rf:role') : lane.role;
  if (explicit) return explicit;
  const slug = (text?: string) => {
    if (!text || !text.trim()) return null;
    const s = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
    return s.length ? s : null;
  };
  return slug(lane.name) ?? slug(lane.id) ?? lane.id;
}

/** The effective role of a user task: rf:role, camunda:candidateGroups, else its innermost lane. */
export function taskRole(task: Node): string | null {
  const explicit = task.get('rf:role') || task.$attrs?.['camunda:candidateGroups'];
  if (explicit) return String(explicit).split(',')[0].trim() || null;
  const process = processOf(task);
  if (!process) return null;
  let role: string | null = null;
  for (const lane of lanesOf(process))
    if ((lane.flowNodeRef ?? []).some((r: Node) => r === task || r?.id === task.id)) role = laneRole(lane);
  return role;
}

const SUPPORTED = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:SendTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:BoundaryEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:SequenceFlow',
]);
/** English reason (the lint message) and its catalogue key (issue-texts.json), as the engine reports it. */
const UNSUPPORTED: Record<string, [string, string]> = {
  'bpmn:ScriptTask': ['script tasks are not executed (no code runs in ReferralFlow)', 'reason.script-task'],
  'bpmn:BusinessRuleTask': ['business rule tasks are not supported', 'reason.business-rule-task'],
  'bpmn:ReceiveTask': ['receive tasks (waiting for a message) are not supported; use a user task', 'reason.receive-task'],
  'bpmn:CallActivity': ['call activities are not supported', 'reason.call-activity'],
  'bpmn:SubProcess': ['sub-processes are not supported; draw the steps in the main process', 'reason.sub-process'],
  'bpmn:AdHocSubProcess': ['ad-hoc sub-processes are not supported', 'reason.ad-hoc-sub-process'],
  'bpmn:Transaction': ['transactions are not supported', 'reason.transaction'],
  'bpmn:EventBasedGateway': ['event-based gateways are not supported', 'reason.event-based-gateway'],
  'bpmn:ComplexGateway': ['complex gateways are not supported', 'reason.complex-gateway'],
  'bpmn:IntermediateThrowEvent': ['intermediate throw events are not supported', 'reason.intermediate-throw-event'],
};

const DEFINITION_REASONS: Record<string, string> = {
  'bpmn:StartEvent': 'reason.start-definition',
  'bpmn:EndEvent': 'reason.end-definition',
  'bpmn:IntermediateCatchEvent': 'reason.catch-definition',
  'bpmn:BoundaryEvent': 'reason.boundary-definition',
};

/** The arguments of a report, named as in the shared issue texts (issue-texts.json), so the list can show them in Korean. */
type Args = Record<string, string>;
const named = (n: Node, more: Args = {}) => ({ args: { name: name(n), ...more } });
const field = (reason: string, task: Node, id: string, more: Args = {}) => ({ args: { reason, task: task.id, field: id, ...more } });
const unsupported = (n: Node, reason: string, more: Args = {}) => ({
  args: { kind: n.$type.slice(5, 6).toLowerCase() + n.$type.slice(6), name: n.name ?? n.id, reason, ...more },
});

const perProcess = (check: (process: Node, reporter: Reporter) => void) => (): Rule => ({
  check(node, reporter) {
    if (node.$type === 'bpmn:Process') check(node, reporter);
  },
});
const perType = (type: string, check: (node: Node, reporter: Reporter) => void) => (): Rule => ({
  check(node, reporter) {
    if (is(node, type)) check(node, reporter);
  },
});

export const rules: Record<string, (config?: RuleConfig) => Rule> = {
  'no-start-event': perProcess((process, r) => {
    if (!flowElements(process).some(isNoneStart)) r.report(process.id, 'The process has no none start event.', { args: {} });
  }),
  'multiple-start-events': perProcess((process, r) => {
    const starts = flowElements(process).filter(isNoneStart);
    starts.slice(1).forEach((s: Node) =>
      r.report(s.id, `The process has more than one start event; '${starts[0].id}' is the first. Keep exactly one.`, {
        args: { first: starts[0].id },
      }),
    );
  }),
  'no-end-event': perProcess((process, r) => {
    if (!flowElements(process).some((n: Node) => n.$type === 'bpmn:EndEvent'))
      r.report(process.id, 'The process has no end event; branches end implicitly where their flows stop.', { args: {} });
  }),
  'start-has-incoming': perType('bpmn:StartEvent', (n, r) => {
    if (incoming(n).length) r.report(n.id, `Start event '${name(n)}' must not have incoming flows.`, named(n));
  }),
  'end-has-outgoing': perType('bpmn:EndEvent', (n, r) => {
    if (outgoing(n).length) r.report(n.id, `End event '${name(n)}' must not have outgoing flows.`, named(n));
  }),
  'gateway-no-outgoing': perType('bpmn:Gateway', (n, r) => {
    if (!outgoing(n).length) r.report(n.id, `Gateway '${name(n)}' has no outgoing flow.`, named(n));
  }),
  'gateway-no-incoming': perType('bpmn:Gateway', (n, r) => {
    if (outgoing(n).length && !incoming(n).length) r.report(n.id, `Gateway '${name(n)}' has no incoming flow.`, named(n));
  }),
  'missing-condition': perType('bpmn:ExclusiveGateway', (n, r) => {
    const out: Node[] = outgoing(n);
    if (out.length < 2) return;
    for (const f of out) {
      if (!f.conditionExpression && f !== n.default)
        r.report(
          f.id,
          `Flow '${f.id}' leaves exclusive gateway '${name(n)}' without a condition and is not its default flow.`,
          named(n, { flow: f.id }),
        );
    }
  }),
  'invalid-expression': perType('bpmn:SequenceFlow', (f, r) => {
    const body = f.conditionExpression?.body;
    if (body == null) return;
    const error = checkExpression(String(body));
    if (error)
      r.report(f.id, `The condition '${String(body).trim()}' does not parse: ${error}`, {
        args: { flow: f.id, condition: String(body).trim(), detail: error },
      });
  }),
  'missing-role': perType('bpmn:UserTask', (n, r) => {
    if (!taskRole(n)) r.report(n.id, `User task '${name(n)}' has no role: draw it in a lane or set rf:role.`, named(n));
  }),
  'unknown-role': (config?: RuleConfig): Rule => ({
    check(n, r) {
      if (n.$type !== 'bpmn:UserTask' || !config?.roles?.length) return;
      const role = taskRole(n);
      if (role && !config.roles.includes(role))
        r.report(n.id, `User task '${name(n)}' has role '${role}', which is not a known role.`, named(n, { role }));
    },
  }),
  'invalid-role': perType('bpmn:Lane', (n, r) => {
    const role = n.get('rf:role');
    if (role != null && !/^[a-z0-9_-]{1,64}$/.test(role))
      r.report(n.id, `Lane role '${role}' must be an ASCII slug (lower-case letters, digits and '-').`, { args: { role } });
  }),
  'unknown-escalation-policy': (config?: RuleConfig): Rule => ({
    check(n, r) {
      if (n.$type !== 'bpmn:UserTask' || !config?.policies) return;
      const policy = n.get('rf:escalation');
      if (policy && !config.policies.includes(policy))
        r.report(n.id, `User task '${name(n)}' uses escalation policy '${policy}', which is not configured.`, named(n, { policy }));
    },
  }),
  'invalid-duration': (): Rule => ({
    check(n, r) {
      if (n.$type === 'bpmn:UserTask') {
        const due = n.get('rf:due');
        if (due != null && !isIsoDuration(due))
          r.report(n.id, `rf:due: '${due}' is not an ISO 8601 duration (expected e.g. P3D, PT48H, P1M).`, {
            args: { reason: 'reason.due-not-duration', value: String(due) },
          });
      }
      const timer = is(n, 'bpmn:CatchEvent') ? timerDefinition(n) : undefined;
      if (timer) {
        const text = timer.timeDuration?.body ?? timer.timeCycle?.body;
        if (!text || (!isIsoDuration(String(text)) && !/^R\d*\/P/.test(String(text).trim()))) {
          r.report(n.id, `Timer '${name(n)}' needs a duration such as PT48H or P3D.`, {
            args: text ? { reason: 'reason.timer-not-duration', value: String(text) } : { reason: 'reason.timer-missing' },
          });
        }
      }
    },
  }),
  'invalid-due-calendar': perType('bpmn:UserTask', (n, r) => {
    const value = n.get('rf:dueCalendar');
    if (value != null && String(value).trim() && !(DUE_CALENDARS as readonly string[]).includes(String(value).trim())) {
      r.report(n.id, `rf:dueCalendar must be "working" or "calendar", not '${value}'.`, { args: { value: String(value) } });
    }
  }),
  'working-days-due': perType('bpmn:UserTask', (n, r) => {
    if (!countsWorkingDays(n)) return;
    const due = String(n.get('rf:due') ?? '').trim();
    if (!isWholeDays(due))
      r.report(n.id, `rf:dueCalendar="working" counts whole working days: give rf:due as days only, e.g. P3D (was '${due}').`, {
        args: { value: due },
      });
  }),
  'invalid-field': perType('bpmn:UserTask', (n, r) => {
    const seen = new Set<string>();
    for (const f of (n.extensionElements?.values ?? []).filter((v: Node) => v.$type === 'rf:Field')) {
      const id = (f.get('id') ?? '').trim();
      if (!/^\p{L}[\p{L}\p{N}_]*$/u.test(id)) {
        r.report(
          n.id,
          `A form field of task '${n.id}' has id '${id}', which is not an identifier (letters, digits, '_', starting with a letter).`,
          field('reason.field-id', n, id),
        );
        continue;
      }
      if (seen.has(id)) {
        r.report(n.id, `Task '${n.id}' has two form fields with id '${id}'.`, field('reason.field-duplicate', n, id));
        continue;
      }
      seen.add(id);
      const type = f.get('type') ?? 'text';
      if (!['text', 'textarea', 'number', 'date', 'boolean', 'select'].includes(String(type).toLowerCase())) {
        r.report(
          n.id,
          `Form field '${id}' of task '${n.id}' has type '${type}'; expected text, textarea, number, date, boolean or select.`,
          field('reason.field-type', n, id, { type: String(type) }),
        );
        continue;
      }
      const options: Node[] = f.get('options') ?? [];
      if (String(type).toLowerCase() === 'select' && (!options.length || options.some((o) => !o.get('value')))) {
        r.report(
          n.id,
          `Select field '${id}' of task '${n.id}' needs rf:option children, each with a value.`,
          field('reason.field-options', n, id),
        );
        continue;
      }
      const health = f.get('health');
      if (health !== undefined && !['true', 'false'].includes(String(health).trim().toLowerCase())) {
        r.report(
          n.id,
          `Form field '${id}' of task '${n.id}' has rf:health '${health}'; expected "true" (health data, 민감정보) or "false".`,
          field('reason.field-health', n, id, { value: String(health) }),
        );
      }
    }
  }),
  'unsupported-element': (): Rule => ({
    check(n, r) {
      const why = UNSUPPORTED[n.$type];
      if (why) {
        r.report(n.id, `${n.$type.slice(5, 6).toLowerCase()}${n.$type.slice(6)} '${n.name ?? n.id}': ${why[0]}.`, unsupported(n, why[1]));
        return;
      }
      if (
        (is(n, 'bpmn:StartEvent') ||
          is(n, 'bpmn:EndEvent') ||
          n.$type === 'bpmn:IntermediateCatchEvent' ||
          n.$type === 'bpmn:BoundaryEvent') &&
        n.eventDefinitions?.length
      ) {
        const kind = n.eventDefinitions[0].$type;
        const ok =
          (n.$type === 'bpmn:EndEvent' && kind === 'bpmn:TerminateEventDefinition') ||
          ((n.$type === 'bpmn:IntermediateCatchEvent' || n.$type === 'bpmn:BoundaryEvent') && kind === 'bpmn:TimerEventDefinition');
        if (!ok)
          r.report(
            n.id,
            `${n.$type.slice(5)} '${n.name ?? n.id}' with a ${kind.slice(5).replace('EventDefinition', '').toLowerCase()} definition is not supported.`,
            unsupported(n, DEFINITION_REASONS[n.$type], { definition: kind.slice(5, 6).toLowerCase() + kind.slice(6) }),
          );
      } else if (n.$type === 'bpmn:ServiceTask' || n.$type === 'bpmn:SendTask') {
        const type = n.get('rf:type');
        if (!type)
          r.report(
            n.id,
            `${n.$type.slice(5)} '${n.name ?? n.id}' has no rf:type; set rf:type="email" or "notify-referrer".`,
            unsupported(n, 'reason.send-type-missing'),
          );
      } else if (is(n, 'bpmn:FlowNode') && !SUPPORTED.has(n.$type)) {
        r.report(n.id, `${n.$type.slice(5)} '${n.name ?? n.id}' is not supported.`, unsupported(n, 'reason.unknown-kind'));
      }
    },
  }),
  'boundary-no-outgoing': perType('bpmn:BoundaryEvent', (n, r) => {
    if (!outgoing(n).length) r.report(n.id, `Boundary timer '${name(n)}' has no outgoing flow.`, named(n));
  }),
  unreachable: perProcess((process, r) => {
    const nodes = flowElements(process).filter((n: Node) => is(n, 'bpmn:FlowNode'));
    const starts = nodes.filter(isNoneStart);
    if (!starts.length) return;
    const reached = new Set<Node>();
    const stack = [...starts];
    while (stack.length) {
      const n = stack.pop();
      if (reached.has(n)) continue;
      reached.add(n);
      outgoing(n).forEach((f: Node) => f.targetRef && stack.push(f.targetRef));
      nodes.filter((b: Node) => b.$type === 'bpmn:BoundaryEvent' && b.attachedToRef === n).forEach((b: Node) => stack.push(b));
    }
    nodes
      .filter((n: Node) => !reached.has(n))
      .forEach((n: Node) => r.report(n.id, `'${name(n)}' cannot be reached from the start event.`, named(n)));
  }),
};

/** Severity of each rule, as the server reports it. */
export const severities: Record<string, 'error' | 'warn'> = {
  'no-start-event': 'error',
  'multiple-start-events': 'error',
  'no-end-event': 'warn',
  'start-has-incoming': 'error',
  'end-has-outgoing': 'error',
  'gateway-no-outgoing': 'error',
  'gateway-no-incoming': 'error',
  'missing-condition': 'error',
  'invalid-expression': 'error',
  'missing-role': 'error',
  'unknown-role': 'error',
  'invalid-role': 'error',
  'unknown-escalation-policy': 'error',
  'invalid-duration': 'error',
  'invalid-due-calendar': 'error',
  'working-days-due': 'error',
  'invalid-field': 'error',
  'unsupported-element': 'error',
  'boundary-no-outgoing': 'error',
  unreachable: 'error',
};
