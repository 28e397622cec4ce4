/** The state of one step of a referral, as the referral page computes it. */
export type StepState = 'done' | 'open' | 'overdue' | 'escalated' | 'cancelled';

export interface StepStateEntry {
  nodeId: string;
  state: StepState;
}

/** What the referral page embeds (JSON) for the viewer. */
export interface DiagramData {
  xml: string;
  steps: StepStateEntry[];
  /** Localised text per state, shown on each coloured step (a text cue, not colour alone). */
  labels: Partial<Record<StepState, string>>;
  /** Accessible name of the diagram picture. */
  title?: string;
}

export const STATES: readonly StepState[] = ['done', 'open', 'overdue', 'escalated', 'cancelled'];

/** The symbol shown with each state's text, so the state reads without colour too. */
export const SYMBOLS: Record<StepState, string> = { done: '✓', open: '●', overdue: '!', escalated: '▲', cancelled: '✕' };

export const markerClass = (state: StepState): string => `rf-state-${state}`;

/**
 * One state per diagram element: a node run several times (a loop) shows its latest task, so the last entry wins —
 * except that an open/overdue/escalated task outranks an earlier-listed finished one regardless of order.
 */
export function statesByNode(steps: readonly StepStateEntry[]): Map<string, StepState> {
  const active = new Set<StepState>(['open', 'overdue', 'escalated']);
  const result = new Map<string, StepState>();
  for (const { nodeId, state } of steps) {
    if (!nodeId || !STATES.includes(state)) {
      continue;
    }
    const previous = result.get(nodeId);
    if (previous && active.has(previous) && !active.has(state)) {
      continue;
    }
    result.set(nodeId, state);
  }
  return result;
}

/** Reads the page's embedded JSON; null when absent or malformed (the page keeps its step list). */
export function parseDiagramData(text: string | null | undefined): DiagramData | null {
  if (!text) {
    return null;
  }
  try {
    const data = JSON.parse(text) as DiagramData;
    return typeof data?.xml === 'string' && Array.isArray(data.steps) ? { ...data, labels: data.labels ?? {} } : null;
  } catch {
    return null;
  }
}
