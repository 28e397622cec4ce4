/**
 * The rf: groups of the properties panel: lane role; user task role, deadline (calendar or working days), escalation
 * policy and outcome form; sequence-flow condition with a syntax check; send task type, recipient and template.
 *
 * Entries with a validate function get its error with the value: a refused value is shown with the error and not
 * written (as in bpmn-js-properties-panel), so the diagram never holds what the check refused. The validators are
 * module constants: the entry re-checks the model's value whenever validate changes identity, which would clear the
 * error of a refused input on the next render.
 */
import { ListGroup, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { countsWorkingDays, fieldElements } from '../../rf/model';
import { addField, removeField } from './fields';
import { RoleSelect, RoleText } from './RoleEntries';
import { DueCalendar, DuePart, DueRaw, Escalation } from './DeadlineEntries';
import { FieldHealth, FieldOptions, FieldRequired, FieldText, FieldType, MoveUp } from './FormEntries';
import { Condition, SendText, SendType } from './FlowEntries';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const is = (element: Any, type: string) => element?.businessObject?.$instanceOf?.(type) === true;

export default class RfPropertiesProvider {
  static $inject = ['propertiesPanel', 'translate', 'bpmnFactory', 'modeling'];

  constructor(
    propertiesPanel: Any,
    private readonly translate: Any,
    private readonly bpmnFactory: Any,
    private readonly modeling: Any,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Any): (groups: Any[]) => Any[] {
    return (groups) => {
      const { translate } = this;
      const bo = element.businessObject;
      if (is(element, 'bpmn:Lane') || is(element, 'bpmn:UserTask')) {
        groups.push({
          id: 'rf-role',
          label: translate(is(element, 'bpmn:Lane') ? 'Role (lane)' : 'Role'),
          entries: [
            { id: 'rf-role-select', component: RoleSelect, isEdited: isSelectEntryEdited },
            { id: 'rf-role-key', component: RoleText, isEdited: isTextFieldEntryEdited },
          ],
        });
      }
      if (is(element, 'bpmn:UserTask')) {
        groups.push({
          id: 'rf-deadline',
          label: translate('Deadline'),
          entries: [
            { id: 'rf-due-days', component: DuePart, part: 'days', isEdited: isTextFieldEntryEdited },
            { id: 'rf-due-calendar', component: DueCalendar, isEdited: isCheckboxEntryEdited },
            // Working days count whole days only: no hours entry then (dueWithPart drops any hours left in rf:due).
            ...(countsWorkingDays(bo) ? [] : [{ id: 'rf-due-hours', component: DuePart, part: 'hours', isEdited: isTextFieldEntryEdited }]),
            { id: 'rf-due', component: DueRaw, isEdited: isTextFieldEntryEdited },
            { id: 'rf-escalation', component: Escalation, isEdited: isSelectEntryEdited },
          ],
        });
        const fields = fieldElements(bo);
        groups.push({
          id: 'rf-form',
          label: translate('Outcome form'),
          component: ListGroup,
          // The ids as they are at the click: two clicks before the panel re-renders still get two distinct ids.
          add: (event: Event) => {
            event.stopPropagation();
            addField(
              element,
              this.bpmnFactory,
              this.modeling,
              fieldElements(bo).map((f) => f.get('id')),
            );
          },
          items: fields.map((field, index) => {
            const base = `rf-field-${index}`;
            return {
              id: base,
              label: field.get('label') || field.get('id') || translate('Field'),
              remove: () => removeField(element, this.modeling, field),
              entries: [
                { id: `${base}-id`, component: FieldText, field, prop: 'id', label: 'Field id' },
                { id: `${base}-type`, component: FieldType, field },
                { id: `${base}-label`, component: FieldText, field, prop: 'label', label: 'Label' },
                { id: `${base}-required`, component: FieldRequired, field },
                { id: `${base}-health`, component: FieldHealth, field },
                ...(field.get('type') === 'select' ? [{ id: `${base}-options`, component: FieldOptions, field }] : []),
                ...(index > 0 ? [{ id: `${base}-up`, component: MoveUp, field }] : []),
              ],
            };
          }),
        });
      }
      if (is(element, 'bpmn:SequenceFlow')) {
        const source = bo.sourceRef;
        if (source && !source.$instanceOf('bpmn:ParallelGateway') && !source.$instanceOf('bpmn:Event')) {
          groups.push({
            id: 'rf-condition',
            label: translate('Condition'),
            entries: [{ id: 'rf-condition-expression', component: Condition, isEdited: isTextFieldEntryEdited }],
          });
        }
      }
      if (is(element, 'bpmn:SendTask') || is(element, 'bpmn:ServiceTask')) {
        groups.push({
          id: 'rf-send',
          label: translate('Send'),
          entries: [
            { id: 'rf-send-type', component: SendType, isEdited: isSelectEntryEdited },
            { id: 'rf-send-to', component: SendText, prop: 'to', label: 'Recipient', isEdited: isTextFieldEntryEdited },
            { id: 'rf-send-template', component: SendText, prop: 'template', label: 'Message template', area: true },
          ],
        });
      }
      return groups;
    };
  }
}
