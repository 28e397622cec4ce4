/** Elements outside the executable subset, with the engine's reasons. */
import { is, type Args, type Node, type Rule, type RuleFactory } from './shared';

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

const unsupported = (n: Node, reason: string, more: Args = {}) => ({
  args: { kind: n.$type.slice(5, 6).toLowerCase() + n.$type.slice(6), name: n.name ?? n.id, reason, ...more },
});

export const unsupportedRules: Record<string, RuleFactory> = {
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
};
