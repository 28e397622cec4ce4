/** Editing the rf:field list of a user task through bpmn-js modeling (undoable commands). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function parseOptions(text: string): { value: string; label?: string }[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? { value: part } : { value: part.slice(0, eq).trim(), label: part.slice(eq + 1).trim() || undefined };
    });
}

export function formatOptions(field: Any): string {
  return (field.get('options') as Any[]).map((o) => (o.get('label') ? `${o.get('value')}=${o.get('label')}` : o.get('value'))).join('; ');
}

export function addField(element: Any, bpmnFactory: Any, modeling: Any, existing: string[]): Any {
  const bo = element.businessObject;
  let n = existing.length + 1;
  while (existing.includes(`field${n}`)) n++;
  const field = bpmnFactory.create('rf:Field', { id: `field${n}`, type: 'text', label: '' });
  let ext = bo.get('extensionElements');
  if (!ext) {
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [field] });
    field.$parent = ext;
    modeling.updateProperties(element, { extensionElements: ext });
  } else {
    field.$parent = ext;
    modeling.updateModdleProperties(element, ext, { values: [...ext.get('values'), field] });
  }
  return field;
}

export function removeField(element: Any, modeling: Any, field: Any): void {
  const ext = element.businessObject.get('extensionElements');
  modeling.updateModdleProperties(element, ext, { values: ext.get('values').filter((v: Any) => v !== field) });
}

export function moveFieldUp(element: Any, modeling: Any, field: Any): void {
  const ext = element.businessObject.get('extensionElements');
  const values = [...ext.get('values')];
  const fields = values.filter((v: Any) => v.$type === 'rf:Field');
  const i = fields.indexOf(field);
  if (i <= 0) return;
  const a = values.indexOf(fields[i - 1]);
  const b = values.indexOf(field);
  [values[a], values[b]] = [values[b], values[a]];
  modeling.updateModdleProperties(element, ext, { values });
}

export function setOptions(element: Any, bpmnFactory: Any, modeling: Any, field: Any, text: string): void {
  const options = parseOptions(text).map((o) => {
    const option = bpmnFactory.create('rf:Option', o);
    option.$parent = field;
    return option;
  });
  modeling.updateModdleProperties(element, field, { options });
}
