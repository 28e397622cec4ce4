// An independent reading of the rf: extension straight from the XML text (DOMParser), used as the oracle for the
// moddle round trip: what bpmn-moddle reads and writes must equal what is literally in the file.
import { DOMParser as XmlDomParser } from '@xmldom/xmldom';
import type { RfSummary } from '../src/rf/model';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const RF = 'http://referralflow.org/schema/bpmn/1.0';

const attr = (e: Element, name: string): string | null => {
  const v = e.getAttributeNS(RF, name);
  return v ? v : null;
};

const childElements = (e: Element): Element[] => Array.from(e.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1);

export function readRfFromXml(xml: string): RfSummary {
  const doc = new XmlDomParser().parseFromString(xml, 'application/xml') as unknown as Document;
  const all = (local: string) => Array.from(doc.getElementsByTagNameNS(BPMN, local));
  const summary: RfSummary = { process: attr(doc.documentElement, 'process'), lanes: {}, userTasks: {}, sendTasks: {}, conditions: {} };
  for (const lane of all('lane')) summary.lanes[lane.getAttribute('id') ?? ''] = attr(lane, 'role');
  for (const task of all('userTask')) {
    const ext = Array.from(childElements(task)).find((c) => c.namespaceURI === BPMN && c.localName === 'extensionElements');
    const fields = ext ? Array.from(childElements(ext)).filter((c) => c.namespaceURI === RF && c.localName === 'field') : [];
    const dueCalendar = attr(task, 'dueCalendar');
    summary.userTasks[task.getAttribute('id') ?? ''] = {
      role: attr(task, 'role'),
      due: attr(task, 'due'),
      ...(dueCalendar === null ? {} : { dueCalendar }),
      escalation: attr(task, 'escalation'),
      fields: fields.map((f) => ({
        id: f.getAttribute('id') ?? '',
        type: f.getAttribute('type') ?? 'text',
        label: f.getAttribute('label') || null,
        required: (f.getAttribute('required') ?? '').toLowerCase() === 'true',
        ...((f.getAttribute('health') ?? '').trim().toLowerCase() === 'true' ? { health: true as const } : {}),
        options: Array.from(childElements(f))
          .filter((o) => o.namespaceURI === RF && o.localName === 'option')
          .map((o) => ({ value: o.getAttribute('value') ?? '', label: o.getAttribute('label') || null })),
      })),
    };
  }
  for (const task of [...all('sendTask'), ...all('serviceTask')]) {
    summary.sendTasks[task.getAttribute('id') ?? ''] = { type: attr(task, 'type'), to: attr(task, 'to'), template: attr(task, 'template') };
  }
  for (const flow of all('sequenceFlow')) {
    const cond = Array.from(childElements(flow)).find((c) => c.namespaceURI === BPMN && c.localName === 'conditionExpression');
    if (cond) summary.conditions[flow.getAttribute('id') ?? ''] = cond.textContent ?? '';
  }
  return summary;
}
