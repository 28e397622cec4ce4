import { Linter } from 'bpmnlint';
import { processesOf, runProcess } from '../rf/process';
import { rules, severities, type RuleConfig } from './rules';

export interface LintIssue {
  code: string;
  elementId: string;
  message: string;
  severity: 'error' | 'warning';
  /** The values the code's shared text names (issue-texts.json). */
  args: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Bo = any;

/** The ids in the processes that do not run: the engine reports those processes as ignored, not their contents. */
function idsNotRun(definitions: Bo): Set<string> {
  const run = runProcess(definitions);
  const ids = new Set<string>();
  const visit = (e: Bo) => {
    if (!e || typeof e !== 'object') return;
    if (e.id) ids.add(e.id);
    for (const key of ['flowElements', 'laneSets', 'lanes', 'childLaneSet']) {
      const child = e[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  processesOf(definitions)
    .filter((p) => p !== run)
    .forEach(visit);
  return ids;
}

/** Runs the rf rules (and only them) over a bpmn-moddle definitions element, for the process that runs. */
export async function lint(definitions: unknown, config: RuleConfig = {}): Promise<LintIssue[]> {
  const ruleConfig: Record<string, unknown> = {};
  for (const [code, severity] of Object.entries(severities)) ruleConfig[`rf/${code}`] = [severity, config];
  const linter = new Linter({
    config: { rules: ruleConfig },
    resolver: {
      resolveRule: (_pkg: string, ruleName: string) => rules[ruleName],
      resolveConfig: () => {
        throw new Error('no shared configs');
      },
    },
  });
  const reports = await linter.lint(definitions);
  const skipped = idsNotRun(definitions);
  const issues: LintIssue[] = [];
  for (const [rule, list] of Object.entries(reports)) {
    const code = rule.replace(/^rf\//, '');
    for (const report of list) {
      if (report.id && skipped.has(report.id)) continue;
      issues.push({
        code,
        elementId: report.id ?? '',
        message: report.message,
        severity: report.category === 'error' ? 'error' : 'warning',
        args: (report as { args?: Record<string, string> }).args ?? {},
      });
    }
  }
  return issues;
}
