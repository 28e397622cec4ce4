/** Reduces the palette to what the engine runs, and adds the executable shapes bpmn-js does not offer directly. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const KEEP = [
  'hand-tool',
  'lasso-tool',
  'space-tool',
  'global-connect-tool',
  'tool-separator',
  'create.start-event',
  'create.end-event',
  'create.exclusive-gateway',
  'create.participant-expanded',
  'gateway-separator',
  'activity-separator',
  'event-separator',
  'collaboration-separator',
];

export default class RfPaletteProvider {
  static $inject = ['palette', 'create', 'elementFactory', 'translate'];

  constructor(
    palette: Any,
    private readonly create: Any,
    private readonly elementFactory: Any,
    private readonly translate: Any,
  ) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries(): (entries: Record<string, Any>) => Record<string, Any> {
    const { create, elementFactory, translate } = this;
    const entry = (group: string, className: string, title: string, type: string, options: Record<string, unknown> = {}) => {
      const start = (event: Event) => create.start(event, elementFactory.createShape({ type, ...options }));
      return { group, className, title: translate(title), action: { dragstart: start, click: start } };
    };
    return (entries) => {
      const kept: Record<string, Any> = {};
      for (const key of KEEP) if (entries[key]) kept[key] = entries[key];
      if (kept['create.start-event']) kept['create.start-event'].title = translate('Create start event');
      if (kept['create.end-event']) kept['create.end-event'].title = translate('Create end event');
      return {
        ...kept,
        'create.terminate-end-event': entry('event', 'bpmn-icon-end-event-terminate', 'Create terminate end event', 'bpmn:EndEvent', {
          eventDefinitionType: 'bpmn:TerminateEventDefinition',
        }),
        'create.timer-catch': entry(
          'event',
          'bpmn-icon-intermediate-event-catch-timer',
          'Create timer intermediate catch event',
          'bpmn:IntermediateCatchEvent',
          { eventDefinitionType: 'bpmn:TimerEventDefinition' },
        ),
        'create.parallel-gateway': entry('gateway', 'bpmn-icon-gateway-parallel', 'Create parallel gateway', 'bpmn:ParallelGateway'),
        'create.inclusive-gateway': entry('gateway', 'bpmn-icon-gateway-or', 'Create inclusive gateway', 'bpmn:InclusiveGateway'),
        'create.user-task': entry('activity', 'bpmn-icon-user-task', 'Create user task', 'bpmn:UserTask'),
        'create.send-task': entry('activity', 'bpmn-icon-send-task', 'Create send task', 'bpmn:SendTask'),
      };
    };
  }
}
