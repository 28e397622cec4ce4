/**
 * The rf: groups of the properties panel: lane role; user task role, deadline (calendar or working days), escalation
 * policy and outcome form;
 * sequence-flow condition with a syntax check; send task type, recipient and template.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry,
  ListGroup,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { rfConfig } from '../../config';
import { checkExpression } from '../../rf/expression';
import { isIsoDuration, toFriendly } from '../../rf/duration';
import { FIELD_TYPES, countsWorkingDays, fieldElements } from '../../rf/model';
import { dueWithPart, setWorkingDays } from './deadline';
import { addField, formatOptions, moveFieldUp, removeField, setOptions } from './fields';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const is = (element: Any, type: string) => element?.businessObject?.$instanceOf?.(type) === true;

function RoleSelect(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const { roles } = rfConfig(useService('config.rf', false));
  const bo = element.businessObject;
  const current: string = bo.get('rf:role') ?? '';
  const choices = [
    { value: '', label: is(element, 'bpmn:Lane') ? translate('(none)') : translate('(lane role)') },
    ...roles.map((r) => ({ value: r.key, label: `${r.name} (${r.key})` })),
  ];
  if (current && !choices.some((c) => c.value === current)) choices.push({ value: current, label: current });
  return h(SelectEntry, {
    element,
    id,
    label: translate('Known role'),
    getValue: () => current,
    setValue: (value: string) => modeling.updateProperties(element, { 'rf:role': value || undefined }),
    getOptions: () => choices,
  });
}

// Entries with a validate function get its error with the value: an invalid value is shown with the error and not
// written (as in bpmn-js-properties-panel), so the diagram never holds what the check refused. The validators are
// module constants: the entry re-checks the model's value whenever validate changes identity, which would clear the
// error of a refused input on the next render.
const validateRoleKey = (value: string) => (value && !/^[a-z0-9_-]{1,64}$/.test(value) ? 'a-z, 0-9, -' : null);
const validateDuePart = (value: string) => (value && !/^\d{1,4}$/.test(value.trim()) ? '0–9999' : null);
const validateDuration = (value: string) => (value && !isIsoDuration(value) ? 'P3D, PT4H, P1DT2H' : null);
const validateFieldId = (value: string) => (!/^\p{L}[\p{L}\p{N}_]*$/u.test(value ?? '') ? 'letters, digits, _' : null);
const validateCondition = (value: string) => (value?.trim() ? checkExpression(value) : null);

function RoleText(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('New role key'),
    debounce,
    getValue: () => element.businessObject.get('rf:role') ?? '',
    setValue: (value: string, error: string | null) =>
      !error && modeling.updateProperties(element, { 'rf:role': value?.trim() || undefined }),
    validate: validateRoleKey,
  });
}

function DuePart(props: Any) {
  const { element, id, part } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(part === 'days' ? 'Days' : 'Hours'),
    debounce,
    getValue: () => {
      const f = toFriendly(bo.get('rf:due'));
      return f && f[part as 'days' | 'hours'] ? String(f[part as 'days' | 'hours']) : '';
    },
    setValue: (value: string, error: string | null) =>
      !error &&
      modeling.updateProperties(element, { 'rf:due': dueWithPart(bo.get('rf:due'), part, Number(value || 0), countsWorkingDays(bo)) }),
    validate: validateDuePart,
  });
}

function DueCalendar(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(CheckboxEntry, {
    element,
    id,
    label: translate('Count working days'),
    description: translate('Mon–Fri without public holidays; whole days only (no hours).'),
    getValue: () => countsWorkingDays(element.businessObject),
    setValue: (value: boolean) => setWorkingDays(element, modeling, value),
  });
}

function DueRaw(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('ISO 8601 duration'),
    debounce,
    getValue: () => element.businessObject.get('rf:due') ?? '',
    setValue: (value: string, error: string | null) =>
      !error && modeling.updateProperties(element, { 'rf:due': value?.trim() || undefined }),
    validate: validateDuration,
  });
}

function Escalation(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const { policies } = rfConfig(useService('config.rf', false));
  const bo = element.businessObject;
  const setValue = (value: string) => modeling.updateProperties(element, { 'rf:escalation': value?.trim() || undefined });
  if (!policies.length) {
    return h(TextFieldEntry, {
      element,
      id,
      label: translate('Escalation policy'),
      debounce,
      getValue: () => bo.get('rf:escalation') ?? '',
      setValue,
    });
  }
  const current = bo.get('rf:escalation') ?? '';
  const choices = [{ value: '', label: translate('(none)') }, ...policies.map((p) => ({ value: p, label: p }))];
  if (current && !policies.includes(current)) choices.push({ value: current, label: current });
  return h(SelectEntry, {
    element,
    id,
    label: translate('Escalation policy'),
    getValue: () => current,
    setValue,
    getOptions: () => choices,
  });
}

function FieldText(props: Any) {
  const { element, id, field, prop, label } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    debounce,
    getValue: () => field.get(prop) ?? '',
    setValue: (value: string, error: string | null) => !error && modeling.updateModdleProperties(element, field, { [prop]: value ?? '' }),
    validate: prop === 'id' ? validateFieldId : undefined,
  });
}

function FieldType(props: Any) {
  const { element, id, field } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(SelectEntry, {
    element,
    id,
    label: translate('Field type'),
    getValue: () => field.get('type') ?? 'text',
    setValue: (value: string) => modeling.updateModdleProperties(element, field, { type: value }),
    getOptions: () => FIELD_TYPES.map((type) => ({ value: type, label: translate(type) })),
  });
}

function FieldRequired(props: Any) {
  const { element, id, field } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(CheckboxEntry, {
    element,
    id,
    label: translate('Required'),
    getValue: () => field.get('required') === true,
    setValue: (value: boolean) => modeling.updateModdleProperties(element, field, { required: value ? true : undefined }),
  });
}

function FieldOptions(props: Any) {
  const { element, id, field } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Options (value=label; …)'),
    debounce,
    getValue: () => formatOptions(field),
    setValue: (value: string) => setOptions(element, bpmnFactory, modeling, field, value ?? ''),
  });
}

function Condition(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Condition expression'),
    debounce,
    getValue: () => bo.get('conditionExpression')?.get('body') ?? '',
    setValue: (value: string, error: string | null) => {
      if (error) return;
      const text = value?.trim();
      modeling.updateProperties(element, {
        conditionExpression: text ? bpmnFactory.create('bpmn:FormalExpression', { body: text }) : undefined,
      });
    },
    validate: validateCondition,
  });
}

function SendType(props: Any) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(SelectEntry, {
    element,
    id,
    label: translate('Send type'),
    getValue: () => element.businessObject.get('rf:type') ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { 'rf:type': value || undefined }),
    getOptions: () => [
      { value: '', label: translate('(none)') },
      { value: 'email', label: translate('email') },
      { value: 'notify-referrer', label: translate('notify-referrer') },
    ],
  });
}

function SendText(props: Any) {
  const { element, id, prop, label, area } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(area ? TextAreaEntry : TextFieldEntry, {
    element,
    id,
    label: translate(label),
    debounce,
    getValue: () => element.businessObject.get(`rf:${prop}`) ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { [`rf:${prop}`]: value || undefined }),
  });
}

function MoveUp(props: Any) {
  const { element, field } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(
    'div',
    { class: 'bio-properties-panel-entry' },
    h('button', { type: 'button', class: 'rf-move-up', onClick: () => moveFieldUp(element, modeling, field) }, translate('Move up')),
  );
}

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
