/** The bpmn-js Modeler of the designer, with the rf extensions and the host's roles and policies as its `rf` config. */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import rfDescriptor from '../moddle/rf.json';
import type { DesignerConfig } from '../config';
import { runProcess } from '../rf/process';
import translateModule from '../modeler/translate';
import paletteModule from '../modeler/palette';
import contextPadModule from '../modeler/contextPad';
import propertiesModule from '../modeler/properties';
import lintingModule from '../modeler/linting';
import issuesModule from '../modeler/issues';
import mappingModule from '../modeler/mapping';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface ModelerParts {
  canvas: HTMLElement;
  properties: HTMLElement;
  issues: HTMLElement;
}

export function createModeler(parts: ModelerParts, config: DesignerConfig): Any {
  return new Modeler({
    container: parts.canvas,
    propertiesPanel: { parent: parts.properties },
    moddleExtensions: { rf: rfDescriptor },
    rf: config,
    rfIssues: { list: parts.issues },
    additionalModules: [
      translateModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      propertiesModule,
      paletteModule,
      contextPadModule,
      lintingModule,
      issuesModule,
      mappingModule,
      TokenSimulationModule,
    ],
  });
}

/** The process of the diagram that runs (its id is the workflow key), chosen as the engine chooses it. */
export function processOf(modeler: Any): Any {
  return runProcess(modeler.getDefinitions());
}

/** Gives a template's process the new workflow's key and name (and its pool the name). */
export function renameProcess(modeler: Any, key: string, name: string): void {
  const moddle = modeler.get('moddle');
  const process = processOf(modeler);
  const definitions = modeler.getDefinitions();
  if (definitions.get('rf:process') === process.id) definitions.set('rf:process', key);
  moddle.ids.unclaim(process.id);
  process.id = key;
  moddle.ids.claim(key, process);
  process.name = name;
  const participant = modeler.get('elementRegistry').find((e: Any) => e.businessObject?.processRef === process);
  if (participant) modeler.get('modeling').updateProperties(participant, { name });
}
