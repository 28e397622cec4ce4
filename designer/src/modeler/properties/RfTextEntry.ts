/** A text entry for one rf: attribute: trimmed, empty removes it, a refused value is shown and not written. */
import { h } from '@bpmn-io/properties-panel/preact';
import { TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function rfTextEntry(props: Any, attribute: string, label: string, validate: (value: string) => string | null) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    debounce,
    getValue: () => element.businessObject.get(attribute) ?? '',
    setValue: (value: string, error: string | null) =>
      !error && modeling.updateProperties(element, { [attribute]: value?.trim() || undefined }),
    validate,
  });
}
