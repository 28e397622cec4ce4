import { t } from '../../i18n';

/** bpmn-js translate service backed by the app dictionary. */
function translate(template: string, replacements?: Record<string, unknown>): string {
  return t(template, replacements ?? {});
}

export default { translate: ['value', translate] };
