/**
 * Makes a foreign model runnable: computes what it needs (plan.ts) and writes the dialog's choices into rf: attributes
 * through the command stack, as one command (one undo step).
 */
import { rfConfig, type DesignerConfig } from '../../config';
import { mappingPlan, type Plan } from './plan';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** What the user chose in the dialog; anything left out stays as it is. */
export interface MappingChoices {
  process?: string;
  /** rf:role by lane id. */
  laneRoles?: Record<string, string>;
  /** rf:role for every task of a candidate group, by group. */
  groupRoles?: Record<string, string>;
  /** rf:role by task id. */
  taskRoles?: Record<string, string>;
  /** Plain tasks (bpmn:Task, bpmn:ManualTask) to replace by user tasks. */
  userTasks?: string[];
  /** rf:type (and rf:to for e-mail) by send or service task id. */
  sends?: Record<string, { type: 'email' | 'notify-referrer'; to?: string }>;
  /** A condition by flow id, or the flow made its gateway's default. */
  conditions?: Record<string, { body?: string; isDefault?: boolean }>;
}

export const MAKE_RUNNABLE = 'rf.makeRunnable';

class MakeRunnableHandler {
  static $inject = ['modeling', 'bpmnReplace', 'elementRegistry', 'bpmnFactory', 'canvas', 'bpmnjs'];

  constructor(
    private readonly modeling: Any,
    private readonly bpmnReplace: Any,
    private readonly elementRegistry: Any,
    private readonly bpmnFactory: Any,
    private readonly canvas: Any,
    private readonly bpmnjs: Any,
  ) {}

  /** Every change is a nested modeling command, so the whole mapping undoes and redoes as one. */
  preExecute(context: { choices: MappingChoices; groupTasks: Record<string, string[]> }): void {
    const { choices, groupTasks } = context;
    const definitions = this.bpmnjs.getDefinitions();
    if (choices.process) this.modeling.updateModdleProperties(this.canvas.getRootElement(), definitions, { 'rf:process': choices.process });
    // Replaced first: the role is then written on the user task that takes the plain task's place (and id).
    for (const id of choices.userTasks ?? []) {
      const shape = this.elementRegistry.get(id);
      if (shape) this.bpmnReplace.replaceElement(shape, { type: 'bpmn:UserTask' });
    }
    for (const [id, role] of Object.entries(choices.laneRoles ?? {})) this.write(id, { 'rf:role': role });
    for (const [group, role] of Object.entries(choices.groupRoles ?? {}))
      for (const id of groupTasks[group] ?? []) this.write(id, { 'rf:role': role });
    for (const [id, role] of Object.entries(choices.taskRoles ?? {})) this.write(id, { 'rf:role': role });
    for (const [id, send] of Object.entries(choices.sends ?? {})) this.write(id, { 'rf:type': send.type, 'rf:to': send.to || undefined });
    for (const [id, condition] of Object.entries(choices.conditions ?? {})) {
      const flow = this.elementRegistry.get(id);
      if (!flow) continue;
      const body = condition.body?.trim();
      if (condition.isDefault) {
        const gateway = this.elementRegistry.get(flow.businessObject.sourceRef?.id);
        if (gateway) this.modeling.updateProperties(gateway, { default: flow.businessObject });
      } else if (body) {
        this.modeling.updateProperties(flow, { conditionExpression: this.bpmnFactory.create('bpmn:FormalExpression', { body }) });
      }
    }
  }

  /** Through the element's shape; an element with no shape (a process not drawn) through its business object. */
  private write(id: string, properties: Record<string, unknown>): void {
    const shape = this.elementRegistry.get(id);
    if (shape) {
      this.modeling.updateProperties(shape, properties);
      return;
    }
    const bo = findById(this.bpmnjs.getDefinitions(), id);
    if (bo) this.modeling.updateModdleProperties(this.canvas.getRootElement(), bo, properties);
  }
}

function findById(root: Any, id: string): Any {
  let found: Any;
  const visit = (e: Any) => {
    if (found || !e || typeof e !== 'object') return;
    if (e.id === id) found = e;
    for (const key of ['rootElements', 'flowElements', 'laneSets', 'lanes', 'childLaneSet']) {
      const child = e[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

export default class RfMapping {
  static $inject = ['bpmnjs', 'commandStack', 'config.rf'];

  private readonly config: DesignerConfig;

  constructor(
    private readonly bpmnjs: Any,
    private readonly commandStack: Any,
    config: DesignerConfig | undefined,
  ) {
    this.config = rfConfig(config);
    commandStack.registerHandler(MAKE_RUNNABLE, MakeRunnableHandler);
  }

  get roles() {
    return this.config.roles;
  }

  /** What the model needs, for the process that runs or for `processId`. */
  plan(processId?: string): Plan {
    return mappingPlan(this.bpmnjs.getDefinitions(), this.config.roles, processId);
  }

  /** Writes the choices as one undoable command. */
  apply(choices: MappingChoices): void {
    const groupTasks = Object.fromEntries(this.plan(choices.process).groups.map((g) => [g.group, g.tasks]));
    this.commandStack.execute(MAKE_RUNNABLE, { choices, groupTasks });
  }
}
