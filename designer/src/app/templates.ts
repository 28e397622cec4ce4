/** The bundled workflow templates (workflows/templates/*.bpmn), built into the designer. */
const files = import.meta.glob<string>('../../../workflows/templates/*.bpmn', { query: '?raw', import: 'default', eager: true });

const byKey = new Map(Object.entries(files).map(([path, xml]) => [path.slice(path.lastIndexOf('/') + 1).replace(/\.bpmn$/, ''), xml]));

export const templateKeys: readonly string[] = [...byKey.keys()].sort();

export function templateXml(key: string): string | undefined {
  return byKey.get(key);
}
