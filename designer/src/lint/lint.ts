import { Linter } from 'bpmnlint';
import { rules, severities, type RuleConfig } from './rules';

export interface LintIssue {
  code: string;
  elementId: string;
  message: string;
  severity: 'error' | 'warning';
  /** The values the code's shared text names (issue-texts.json). */
  args: Record<string, string>;
}

/** Runs the rf rules (and only them) over a bpmn-moddle definitions element. */
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
  const issues: LintIssue[] = [];
  for (const [rule, list] of Object.entries(reports)) {
    const code = rule.replace(/^rf\//, '');
    for (const report of list) {
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
