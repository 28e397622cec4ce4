/** The deadline of a user task: days and hours of rf:due, working days, the raw ISO duration, the escalation policy. */
import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { rfTextEntry } from './RfTextEntry';
import { rfConfig } from '../../config';
import { isIsoDuration, toFriendly } from '../../rf/duration';
import { countsWorkingDays } from '../../rf/model';
import { dueWithPart, setWorkingDays } from './deadline';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

// A refused value is shown with its error and not written; the validator is a module constant (see RfPropertiesProvider).
const validateDuePart = (value: string) => (value && !/^\d{1,4}$/.test(value.trim()) ? '0–9999' : null);
const validateDuration = (value: string) => (value && !isIsoDuration(value) ? 'P3D, PT4H, P1DT2H' : null);

export function DuePart(props: Any) {
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

export function DueCalendar(props: Any) {
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

export function DueRaw(props: Any) {
  return rfTextEntry(props, 'rf:due', 'ISO 8601 duration', validateDuration);
}

export function Escalation(props: Any) {
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
