/** The condition of a sequence flow (syntax-checked) and the type, recipient and template of a send task. */
import { h } from '@bpmn-io/properties-panel/preact';
import { SelectEntry, TextAreaEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { checkExpression } from '../../rf/expression';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// A refused value is shown with its error and not written; the validator is a module constant (see RfPropertiesProvider).
const validateCondition = (value: string) => (value?.trim() ? checkExpression(value) : null);

export function Condition(props: Any) {
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

export function SendType(props: Any) {
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

export function SendText(props: Any) {
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
