/**
 * What a foreign model needs before it runs, as the mapping dialog shows it: the process to run, lanes and candidate
 * groups that are no district role, tasks with no role at all, plain tasks, send tasks without a kind and the
 * conditions an exclusive gateway lacks or cannot parse. Computed for one process (the one that runs, or the one the
 * dialog is about to choose).
 */
import type { RoleInfo } from '../../config';
import { laneRole, lanesOf, taskRole } from '../../lint/rules';
import { checkExpression } from '../../rf/expression';
import { candidateGroup } from '../../rf/model';
import { processesOf, runProcess } from '../../rf/process';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bo = any;

export interface PlanProcess {
  id: string;
  name: string;
  /** Flow nodes in it: a two-node side process is told apart from the real one at a glance. */
  size: number;
}
export interface PlanLane {
  id: string;
  name: string;
  /** The role the engine derives today (rf:role, else a slug of the name). */
  current: string;
  suggested: string | null;
}
export interface PlanGroup {
  group: string;
  tasks: string[];
  suggested: string | null;
}
export interface PlanTask {
  id: string;
  name: string;
}
export interface PlanCondition {
  flow: string;
  gateway: string;
  gatewayName: string;
  /** The condition as written ('' when there is none); `${…}` and a leading `=` are read as the engine reads them. */
  current: string;
}
export interface Plan {
  processes: PlanProcess[];
  process: string | null;
  lanes: PlanLane[];
  groups: PlanGroup[];
  unassigned: PlanTask[];
  plainTasks: PlanTask[];
  sendTasks: PlanTask[];
  conditions: PlanCondition[];
  /** True when the dialog has anything to offer. */
  needed: boolean;
}

const SLUG = /^[a-z0-9_-]{1,64}$/;
const label = (e: Bo): string => (e.name && String(e.name).trim()) || e.id;
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The district role a lane or group name most plausibly means: same key, same name, or one name inside the other. */
export function suggestRole(text: string | undefined, roles: readonly RoleInfo[]): string | null {
  const wanted = squash(text ?? '');
  if (!wanted) return null;
  const exact = roles.find((r) => squash(r.key) === wanted || squash(r.name) === wanted);
  if (exact) return exact.key;
  const inside = roles
    .filter((r) => squash(r.name).length >= 2 && (wanted.includes(squash(r.name)) || squash(r.name).includes(wanted)))
    .sort((a, b) => squash(b.name).length - squash(a.name).length);
  return inside[0]?.key ?? null;
}

/** A role the engine accepts: a district role when the roles are known, else any ASCII slug. */
const acceptable = (role: string | null, roles: readonly RoleInfo[]): boolean =>
  !!role && (roles.length ? roles.some((r) => r.key === role) : SLUG.test(role));

const isTask = (e: Bo) => ['bpmn:UserTask', 'bpmn:Task', 'bpmn:ManualTask'].includes(e.$type);

function conditionsOf(nodes: Bo[], flows: Bo[]): PlanCondition[] {
  const out: PlanCondition[] = [];
  for (const gateway of nodes.filter((n) => n.$type === 'bpmn:ExclusiveGateway')) {
    const outgoing = flows.filter((f) => f.sourceRef === gateway);
    for (const flow of outgoing) {
      const body = flow.conditionExpression?.body;
      const missing = body == null && outgoing.length > 1 && flow !== gateway.default;
      const invalid = body != null && checkExpression(String(body)) !== null;
      if (missing || invalid) {
        out.push({ flow: flow.id, gateway: gateway.id, gatewayName: label(gateway), current: body == null ? '' : String(body) });
      }
    }
  }
  return out;
}

export function mappingPlan(definitions: Bo, roles: readonly RoleInfo[], processId?: string): Plan {
  const processes = processesOf(definitions);
  const process = (processId ? processes.find((p) => p.id === processId) : undefined) ?? runProcess(definitions);
  const elements: Bo[] = process?.flowElements ?? [];
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');

  const lanes = (process ? lanesOf(process) : [])
    .filter((lane: Bo) => !acceptable(laneRole(lane), roles))
    .map((lane: Bo) => ({ id: lane.id, name: label(lane), current: laneRole(lane), suggested: suggestRole(lane.name ?? lane.id, roles) }));

  const byGroup = new Map<string, string[]>();
  const unassigned: PlanTask[] = [];
  for (const task of nodes.filter(isTask)) {
    if (task.get('rf:role')) continue;
    const group = candidateGroup(task);
    if (group && !acceptable(group, roles)) byGroup.set(group, [...(byGroup.get(group) ?? []), task.id]);
    else if (!group && !taskRole(task)) unassigned.push({ id: task.id, name: label(task) });
  }
  const groups = [...byGroup].map(([group, tasks]) => ({ group, tasks, suggested: suggestRole(group, roles) }));

  const plainTasks = nodes
    .filter((n) => n.$type === 'bpmn:Task' || n.$type === 'bpmn:ManualTask')
    .map((n) => ({ id: n.id, name: label(n) }));
  const sendTasks = nodes
    .filter((n) => (n.$type === 'bpmn:SendTask' || n.$type === 'bpmn:ServiceTask') && !n.get('rf:type'))
    .map((n) => ({ id: n.id, name: label(n) }));
  const conditions = conditionsOf(nodes, flows);

  const choice = processes.length > 1 && !String(definitions?.get?.('rf:process') ?? '').trim();
  const needed = choice || [lanes, groups, unassigned, plainTasks, sendTasks, conditions].some((list: unknown[]) => list.length > 0);
  return {
    processes: processes.map((p) => ({
      id: p.id,
      name: label(p),
      size: (p.flowElements ?? []).filter((e: Bo) => e.$type !== 'bpmn:SequenceFlow').length,
    })),
    process: process?.id ?? null,
    lanes,
    groups,
    unassigned,
    plainTasks,
    sendTasks,
    conditions,
    needed,
  };
}
