/** Roles: the lane role and task role as the engine derives them, and the rules about them. */
import { candidateGroup } from '../../rf/model';
import { name, named, perType, processOf, type Node, type Rule, type RuleConfig, type RuleFactory } from './shared';

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

/** The effective role of a user task: rf:role, Camunda candidate groups, else its innermost lane. */
export function taskRole(task: Node): string | null {
  const own = task.get('rf:role');
  if (own) return String(own).trim() || null;
  const group = candidateGroup(task);
  if (group) return group;
  const process = processOf(task);
  if (!process) return null;
  let role: string | null = null;
  for (const lane of lanesOf(process))
    if ((lane.flowNodeRef ?? []).some((r: Node) => r === task || r?.id === task.id)) role = laneRole(lane);
  return role;
}

export const roleRules: Record<string, RuleFactory> = {
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
};
