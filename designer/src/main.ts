import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
// The font as files, not data: URLs, so the page needs no font-src data: under its Content-Security-Policy.
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './style.css';

import { startDesigner } from './app/start';

const root = document.getElementById('app');
if (root) void startDesigner(root);
