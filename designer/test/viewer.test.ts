import { describe, expect, it } from 'vitest';
import { markerClass, parseDiagramData, statesByNode } from '../src/viewer/states';

describe('referral diagram states', () => {
  it('gives each node the state of its latest task', () => {
    const states = statesByNode([
      { nodeId: 'Task_A', state: 'done' },
      { nodeId: 'Task_B', state: 'done' },
      { nodeId: 'Task_B', state: 'overdue' },
      { nodeId: 'Task_C', state: 'escalated' },
    ]);
    expect(Object.fromEntries(states)).toEqual({ Task_A: 'done', Task_B: 'overdue', Task_C: 'escalated' });
  });

  it('keeps a running task over a finished run of the same node listed after it', () => {
    const states = statesByNode([
      { nodeId: 'Task_Loop', state: 'open' },
      { nodeId: 'Task_Loop', state: 'done' },
    ]);
    expect(states.get('Task_Loop')).toBe('open');
  });

  it('ignores unknown states and empty node ids', () => {
    const states = statesByNode([
      { nodeId: '', state: 'done' },
      { nodeId: 'Task_X', state: 'weird' as never },
    ]);
    expect(states.size).toBe(0);
  });

  it('names the marker class after the state', () => {
    expect(markerClass('overdue')).toBe('rf-state-overdue');
  });

  it('reads the embedded page data and rejects malformed data', () => {
    expect(parseDiagramData('{"xml":"<x/>","steps":[]}')).toEqual({ xml: '<x/>', steps: [], labels: {} });
    expect(parseDiagramData('{"steps":[]}')).toBeNull();
    expect(parseDiagramData('not json')).toBeNull();
    expect(parseDiagramData(null)).toBeNull();
  });
});
