/** A new workflow: one pool with its process, a start event; lanes and steps are drawn by the designer. */
const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

export function blankDiagram(key: string, name: string): string {
  const k = escapeXml(key);
  const n = escapeXml(name);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="Definitions_1" targetNamespace="http://referralflow.org/workflows">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_1" name="${n}" processRef="${k}" />
  </bpmn:collaboration>
  <bpmn:process id="${k}" name="${n}" isExecutable="true" />
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="Participant_1_di" bpmnElement="Participant_1" isHorizontal="true">
        <dc:Bounds x="100" y="80" width="900" height="400" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
