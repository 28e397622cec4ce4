/**
 * Models as another modeler saves them: a Camunda-style collaboration built with its diagram, and a bundled template
 * with every rf: attribute and element stripped.
 */
const NS =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" ' +
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" ' +
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

interface Node {
  id: string;
  xml: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
}

const shape = (n: Node) =>
  `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${n.x}" y="${n.y}" width="${n.w ?? 100}" height="${n.h ?? 80}" /></bpmndi:BPMNShape>`;
const edge = (id: string, a: Node, b: Node) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${a.x + (a.w ?? 100)}" y="${a.y + 20}" /><di:waypoint x="${b.x}" y="${b.y + 20}" /></bpmndi:BPMNEdge>`;

/**
 * A side process listed first (executable, with a start: the engine's own pick) and the main process: two lanes named
 * like district roles ("동주민센터 맞춤형복지팀" and "Accounting"), a plain task, a Camunda candidate group, a task in no
 * lane, a send task with no kind and an exclusive gateway with a `${…}` condition and a flow without one.
 */
export function camundaCollaboration(): string {
  const n = (id: string, xml: string, x: number, y: number, w = 100, h = 80): Node => ({ id, xml, x, y, w, h });
  const side = [
    n('Side_Start', '<bpmn:startEvent id="Side_Start" />', 200, 40, 36, 36),
    n('Side_End', '<bpmn:endEvent id="Side_End" />', 300, 40, 36, 36),
  ];
  const main = [
    n('Start', '<bpmn:startEvent id="Start" name="접수" />', 200, 240, 36, 36),
    n('Visit', '<bpmn:task id="Visit" name="가정 방문" />', 280, 220),
    n('Check', '<bpmn:exclusiveGateway id="Check" name="지원 필요?" />', 420, 230, 50, 50),
    n('Pay', '<bpmn:userTask id="Pay" name="지급" camunda:candidateGroups="accounting,finance" />', 520, 400),
    n('Call', '<bpmn:userTask id="Call" name="안부 전화" />', 520, 560),
    n('Mail', '<bpmn:sendTask id="Mail" name="결과 알림" />', 680, 220),
    n('End', '<bpmn:endEvent id="End" />', 840, 240, 36, 36),
  ];
  const flows: [string, Node, Node, string?][] = [
    ['Flow_1', main[0], main[1]],
    ['Flow_2', main[1], main[2]],
    ['Flow_Yes', main[2], main[3], '${approved}'],
    ['Flow_No', main[2], main[4]],
    ['Flow_3', main[3], main[5]],
    ['Flow_4', main[4], main[5]],
    ['Flow_5', main[5], main[6]],
  ];
  const flowXml = flows
    .map(([id, a, b, c]) =>
      c
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${a.id}" targetRef="${b.id}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${c}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${a.id}" targetRef="${b.id}" />`,
    )
    .join('');
  const ref = (...ids: string[]) => ids.map((id) => `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="Defs" targetNamespace="http://example.org" exporter="Camunda Modeler">
  <bpmn:collaboration id="Collab">
    <bpmn:participant id="P_Side" name="안내" processRef="side" />
    <bpmn:participant id="P_Main" name="돌봄" processRef="care" />
  </bpmn:collaboration>
  <bpmn:process id="side" name="안내" isExecutable="true">${side.map((s) => s.xml).join('')}<bpmn:sequenceFlow id="Side_Flow" sourceRef="Side_Start" targetRef="Side_End" /></bpmn:process>
  <bpmn:process id="care" name="돌봄 연계" isExecutable="true">
    <bpmn:laneSet id="LS"><bpmn:lane id="Lane_Dong" name="동주민센터 맞춤형복지팀">${ref('Start', 'Visit', 'Check', 'Mail', 'End')}</bpmn:lane><bpmn:lane id="Lane_Acc" name="Accounting">${ref('Pay')}</bpmn:lane></bpmn:laneSet>
    ${main.map((s) => s.xml).join('')}${flowXml}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="Plane" bpmnElement="Collab">
    ${shape({ id: 'P_Side', xml: '', x: 150, y: 0, w: 800, h: 120 })}${shape({ id: 'P_Main', xml: '', x: 150, y: 150, w: 800, h: 520 })}
    ${shape({ id: 'Lane_Dong', xml: '', x: 180, y: 150, w: 770, h: 200 })}${shape({ id: 'Lane_Acc', xml: '', x: 180, y: 350, w: 770, h: 320 })}
    ${[...side, ...main].map(shape).join('')}${edge('Side_Flow', side[0], side[1])}${flows.map(([id, a, b]) => edge(id, a, b)).join('')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** The document as another modeler saves it: no rf: attribute, no rf: element, no rf namespace. */
export function stripRf(xml: string): string {
  return xml
    .replace(/\s+rf:[A-Za-z]+="[^"]*"/g, '')
    .replace(/\s+xmlns:rf="[^"]*"/g, '')
    .replace(/<rf:(\w+)\b[^>]*\/>/g, '')
    .replace(/<rf:(\w+)\b[^>]*>[\s\S]*?<\/rf:\1>/g, '')
    .replace(/<bpmn:extensionElements>\s*<\/bpmn:extensionElements>/g, '');
}
