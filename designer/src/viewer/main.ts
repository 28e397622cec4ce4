import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './viewer.css';

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { markerClass, parseDiagramData, statesByNode, SYMBOLS, type DiagramData } from './states';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * Renders a published workflow version into <paramref name="container"/> (read-only, pan and zoom) and marks each step
 * with its state: a CSS class on the element (colour + line pattern) and an overlay with a symbol and the state's text.
 */
export async function renderReferralDiagram(container: HTMLElement, data: DiagramData): Promise<void> {
  const viewer: Any = new NavigatedViewer({ container });
  await viewer.importXML(data.xml);
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  for (const [nodeId, state] of statesByNode(data.steps)) {
    const element = registry.get(nodeId);
    if (!element) {
      continue;
    }
    canvas.addMarker(nodeId, 'rf-state');
    canvas.addMarker(nodeId, markerClass(state));
    const badge = document.createElement('span');
    badge.className = `rf-state-badge rf-badge-${state}`;
    badge.dataset.state = state;
    badge.textContent = `${SYMBOLS[state]} ${data.labels[state] ?? state}`;
    overlays.add(nodeId, 'rf-state', { position: { top: -12, right: 8 }, html: badge });
  }
  canvas.zoom('fit-viewport', 'auto');
  const svg = container.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', data.title ?? '');
  }
  container.dataset.rendered = 'true';
}

/** Every <c>[data-rf-diagram]</c> on the page, with its JSON in the script element its value names. */
async function boot(): Promise<void> {
  for (const container of Array.from(document.querySelectorAll<HTMLElement>('[data-rf-diagram]'))) {
    const data = parseDiagramData(document.getElementById(container.dataset.rfDiagram ?? '')?.textContent);
    if (!data) {
      continue;
    }
    // The card around the picture is hidden until there is something to show (the page works without this script).
    const card = container.closest<HTMLElement>('[data-rf-diagram-card]') ?? container;
    try {
      card.hidden = false;
      await renderReferralDiagram(container, data);
    } catch (error) {
      // The step list stays; the picture is an addition.
      card.hidden = true;
      container.dataset.rendered = 'failed';
      console.error('ReferralFlow: the diagram could not be drawn', error);
    }
  }
}

if (typeof document !== 'undefined') {
  void boot();
}
