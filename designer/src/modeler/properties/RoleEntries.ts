/** The role of a lane or user task: one of the host's roles (config.rf), or a new role key typed in. */
import { h } from '@bpmn-io/properties-panel/preact';
import { SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { rfTextEntry } from './RfTextEntry';
import { rfConfig } from '../../config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const is = (element: Any, type: string) => element?.businessObject?.$instanceOf?.(type) === true;

// A refused value is shown with its error and not written; the validator is a module constant (see RfPropertiesProvider).
const validateRoleKey = (value: string) => (value && !/^[a-z0-9_-]{1,64}$/.test(value) ? 'a-z, 0-9, -' : null);

export function RoleSelect(props: Any) {
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

export function RoleText(props: Any) {
  return rfTextEntry(props, 'rf:role', 'New role key', validateRoleKey);
}
