/** The shape of the graph: start and end events, gateways, boundary timers and reachability. */
import { flowElements, incoming, is, isNoneStart, name, named, outgoing, perProcess, perType, type Node, type RuleFactory } from './shared';

export const structureRules: Record<string, RuleFactory> = {
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
