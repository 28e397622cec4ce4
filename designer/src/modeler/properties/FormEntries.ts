/** The entries of one outcome form field (rf:field): id, type, label, required, health data, options, move up. */
import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { FIELD_TYPES, isHealthField } from '../../rf/model';
import { formatOptions, moveFieldUp, setOptions } from './fields';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// A refused value is shown with its error and not written; the validator is a module constant (see RfPropertiesProvider).
const validateFieldId = (value: string) => (!/^\p{L}[\p{L}\p{N}_]*$/u.test(value ?? '') ? 'letters, digits, _' : null);

export function FieldText(props: Any) {
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

export function FieldType(props: Any) {
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

export function FieldRequired(props: Any) {
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

/** rf:health="true" marks health data (민감정보): the host shows it only with health consent and never exports it. */
export function FieldHealth(props: Any) {
  const { element, id, field } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(CheckboxEntry, {
    element,
    id,
    label: translate('Health data (sensitive)'),
    description: translate('Shown only to agencies with health-data consent; never exported.'),
    getValue: () => isHealthField(field),
    setValue: (value: boolean) => modeling.updateModdleProperties(element, field, { health: value ? 'true' : undefined }),
  });
}

export function FieldOptions(props: Any) {
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

export function MoveUp(props: Any) {
  const { element, field } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(
    'div',
    { class: 'bio-properties-panel-entry' },
    h('button', { type: 'button', class: 'rf-move-up', onClick: () => moveFieldUp(element, modeling, field) }, translate('Move up')),
  );
}
