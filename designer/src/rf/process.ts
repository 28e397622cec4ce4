/**
 * Which process of a document runs, chosen as the engine chooses it (ProcessSelector): rf:process on the definitions,
 * else the first executable process with a start event, else the first with a start event, else the first.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bo = any;

export const processesOf = (definitions: Bo): Bo[] => (definitions?.rootElements ?? []).filter((e: Bo) => e.$type === 'bpmn:Process');

const hasStart = (process: Bo): boolean => (process.flowElements ?? []).some((e: Bo) => e.$type === 'bpmn:StartEvent');

export function runProcess(definitions: Bo): Bo | undefined {
  const processes = processesOf(definitions);
  const written = String(definitions?.get?.('rf:process') ?? '').trim();
  return (
    (written ? processes.find((p) => p.id === written) : undefined) ??
    processes.find((p) => p.isExecutable === true && hasStart(p)) ??
    processes.find(hasStart) ??
    processes[0]
  );
}

/** The process an element belongs to (its nearest bpmn:Process ancestor). */
export function processOfElement(element: Bo): Bo | undefined {
  let p = element;
  while (p && p.$type !== 'bpmn:Process') p = p.$parent;
  return p;
}
