/**
 * Reading and writing the rf: extension on bpmn-moddle elements. The descriptor (src/moddle/rf.json) is the
 * contract with the C# parser (workflows/ReferralFlow.Workflows/Parsing); these helpers are the designer's view of it.
 */

export const RF_URI = 'http://referralflow.org/schema/bpmn/1.0';

export const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'boolean', 'select'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface RfOption {
  value: string;
  label: string | null;
}
export interface RfField {
  id: string;
  type: string;
  label: string | null;
  required: boolean;
  /** Present (true) only when rf:health="true": health data (민감정보), as in rf-contract.expected.json. */
  health?: true;
  options: RfOption[];
}
/** dueCalendar is left out when the attribute is absent (calendar time), as in rf-contract.expected.json. */
export interface RfUserTask {
  role: string | null;
  due: string | null;
  dueCalendar?: string;
  escalation: string | null;
  fields: RfField[];
}
export interface RfSendTask {
  type: string | null;
  to: string | null;
  template: string | null;
}
export interface RfSummary {
  /** rf:process on the definitions: which process of a collaboration runs (null: the engine's default choice). */
  process: string | null;
  lanes: Record<string, string | null>;
  userTasks: Record<string, RfUserTask>;
  sendTasks: Record<string, RfSendTask>;
  conditions: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bo = any;

const orNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** The values of rf:dueCalendar; absent or blank means calendar time. */
export const DUE_CALENDARS = ['working', 'calendar'] as const;

/** True when the task's deadline counts working days (rf:dueCalendar="working", surrounding blanks ignored like the server). */
export function countsWorkingDays(task: Bo): boolean {
  const value: unknown = task?.get?.('rf:dueCalendar');
  return typeof value === 'string' && value.trim() === 'working';
}

/** The rf:field elements of a task, in document order. */
export function fieldElements(task: Bo): Bo[] {
  const values: Bo[] = task?.extensionElements?.values ?? [];
  return values.filter((v) => v.$type === 'rf:Field');
}

/** rf:health is kept as written (a String in the descriptor) so the lint can refuse anything but true/false. */
export function isHealthField(field: Bo): boolean {
  const value: unknown = field?.get?.('health');
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

export function readField(field: Bo): RfField {
  return {
    id: field.get('id') ?? '',
    type: field.get('type') ?? 'text',
    label: orNull(field.get('label')),
    required: field.get('required') === true,
    ...(isHealthField(field) ? { health: true as const } : {}),
    options: (field.get('options') as Bo[]).map((o) => ({ value: o.get('value') ?? '', label: orNull(o.get('label')) })),
  };
}

function walk(element: Bo, visit: (e: Bo) => void): void {
  if (!element || typeof element !== 'object') return;
  visit(element);
  for (const key of ['rootElements', 'flowElements', 'laneSets', 'lanes', 'childLaneSet']) {
    const child = element[key];
    if (Array.isArray(child)) child.forEach((c) => walk(c, visit));
    else if (child) walk(child, visit);
  }
}

/** Everything the engine reads from the rf: namespace (plus conditions), by element id. */
export function summarize(definitions: Bo): RfSummary {
  const summary: RfSummary = { process: orNull(definitions?.get?.('rf:process')), lanes: {}, userTasks: {}, sendTasks: {}, conditions: {} };
  walk(definitions, (e) => {
    switch (e.$type) {
      case 'bpmn:Lane':
        summary.lanes[e.id] = orNull(e.get('rf:role'));
        break;
      case 'bpmn:UserTask': {
        const dueCalendar = orNull(e.get('rf:dueCalendar'));
        summary.userTasks[e.id] = {
          role: orNull(e.get('rf:role')),
          due: orNull(e.get('rf:due')),
          ...(dueCalendar === null ? {} : { dueCalendar }),
          escalation: orNull(e.get('rf:escalation')),
          fields: fieldElements(e).map(readField),
        };
        break;
      }
      case 'bpmn:SendTask':
      case 'bpmn:ServiceTask':
        summary.sendTasks[e.id] = { type: orNull(e.get('rf:type')), to: orNull(e.get('rf:to')), template: orNull(e.get('rf:template')) };
        break;
      case 'bpmn:SequenceFlow':
        if (e.conditionExpression?.body != null) summary.conditions[e.id] = String(e.conditionExpression.body);
        break;
    }
  });
  return summary;
}

/**
 * The role a Camunda 7 (camunda:candidateGroups) or Camunda 8 (zeebe:assignmentDefinition candidateGroups) task names:
 * the first group, as the engine reads it (Extensions.RoleOf); null for none or an expression.
 */
export function candidateGroup(task: Bo): string | null {
  const attrs: Record<string, unknown> = task?.$attrs ?? {};
  const camunda = Object.entries(attrs).find(([key]) => key === 'camunda:candidateGroups' || key.endsWith(':candidateGroups'))?.[1];
  const zeebe = (task?.extensionElements?.values ?? []).find((v: Bo) => /(^|:)assignmentDefinition$/.test(v.$type ?? ''));
  const groups = camunda ?? zeebe?.candidateGroups ?? zeebe?.$attrs?.candidateGroups;
  if (typeof groups !== 'string') return null;
  const first = groups
    .split(',')
    .map((g) => g.trim())
    .find((g) => g.length > 0);
  return !first || first.includes('${') || first.startsWith('=') ? null : first;
}
