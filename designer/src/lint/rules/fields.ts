/** The outcome form of a user task (rf:field). */
import { perType, type Args, type Node, type RuleFactory } from './shared';

const field = (reason: string, task: Node, id: string, more: Args = {}) => ({ args: { reason, task: task.id, field: id, ...more } });

export const fieldRules: Record<string, RuleFactory> = {
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
};
