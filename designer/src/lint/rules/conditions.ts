/** Conditions on sequence flows: present where an exclusive gateway chooses, and parseable. */
import { checkExpression } from '../../rf/expression';
import { name, named, outgoing, perType, type Node, type RuleFactory } from './shared';

export const conditionRules: Record<string, RuleFactory> = {
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
};
