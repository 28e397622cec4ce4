/**
 * Keeps the context pad and the replace/append menus to the executable subset: user and send tasks, none and
 * terminate ends, the three gateways, timer catch and timer boundary events.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const PAD_KEEP = new Set([
  'delete',
  'connect',
  'replace',
  'append.end-event',
  'append.gateway',
  'lane-insert-above',
  'lane-insert-below',
  'lane-divide-two',
  'lane-divide-three',
]);

const ALLOWED_TYPES = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:SendTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:IntermediateCatchEvent',
  'bpmn:BoundaryEvent',
]);
const ALLOWED_DEFINITIONS = new Set([undefined, 'bpmn:TimerEventDefinition', 'bpmn:TerminateEventDefinition']);

/** True when a replace/append/create menu entry targets something the engine runs. */
export function isExecutableTarget(target: { type?: string; eventDefinitionType?: string; isExpanded?: boolean } | undefined): boolean {
  if (!target?.type) return true;
  if (!ALLOWED_TYPES.has(target.type)) return false;
  if (target.type === 'bpmn:StartEvent' && target.eventDefinitionType) return false;
  if (
    (target.type === 'bpmn:IntermediateCatchEvent' || target.type === 'bpmn:BoundaryEvent') &&
    target.eventDefinitionType !== 'bpmn:TimerEventDefinition'
  )
    return false;
  return ALLOWED_DEFINITIONS.has(target.eventDefinitionType);
}

export default class RfContextPadProvider {
  static $inject = ['contextPad', 'popupMenu', 'autoPlace', 'elementFactory', 'create', 'translate'];

  constructor(
    contextPad: Any,
    popupMenu: Any,
    private readonly autoPlace: Any,
    private readonly elementFactory: Any,
    private readonly create: Any,
    private readonly translate: Any,
  ) {
    contextPad.registerProvider(500, this);
    for (const menu of ['bpmn-replace', 'bpmn-append', 'bpmn-create']) popupMenu.registerProvider(menu, 500, this);
  }

  getPopupMenuEntries(): (entries: Record<string, Any>) => Record<string, Any> {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([, e]) => isExecutableTarget(e.target)));
  }

  getPopupMenuHeaderEntries(): (entries: Record<string, Any>) => Record<string, Any> {
    return (entries) =>
      Object.fromEntries(Object.entries(entries).filter(([id]) => !/compensation|loop|instance|ad-hoc|collection/i.test(id)));
  }

  getContextPadEntries(element: Any): (entries: Record<string, Any>) => Record<string, Any> {
    const { autoPlace, elementFactory, create, translate } = this;
    const append = (type: string, className: string, title: string) => {
      const start = (event: Event, el: Any) => create.start(event, elementFactory.createShape({ type }), { source: el });
      return {
        group: 'model',
        className,
        title: translate(title),
        action: { click: (_e: Event, el: Any) => autoPlace.append(el, elementFactory.createShape({ type })), dragstart: start },
      };
    };
    return (entries) => {
      const kept: Record<string, Any> = {};
      for (const [key, value] of Object.entries(entries)) if (PAD_KEEP.has(key)) kept[key] = value;
      if (entries['append.end-event'] && element.type !== 'bpmn:EndEvent') {
        kept['append.user-task'] = append('bpmn:UserTask', 'bpmn-icon-user-task', 'Append user task');
        kept['append.send-task'] = append('bpmn:SendTask', 'bpmn-icon-send-task', 'Append send task');
      }
      return kept;
    };
  }
}
