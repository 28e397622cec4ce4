/**
 * bpmnlint rules mirroring the server's validator (workflows/ReferralFlow.Workflows/Validation and Parsing):
 * same codes, same English messages, so the canvas shows what publish would refuse. Rule name = issue code.
 */
import { conditionRules } from './rules/conditions';
import { deadlineRules } from './rules/deadlines';
import { fieldRules } from './rules/fields';
import { roleRules } from './rules/roles';
import type { RuleFactory } from './rules/shared';
import { structureRules } from './rules/structure';
import { unsupportedRules } from './rules/unsupported';

export type { Reporter, Rule, RuleConfig } from './rules/shared';
export { laneRole, lanesOf, taskRole } from './rules/roles';

export const rules: Record<string, RuleFactory> = {
  ...structureRules,
  ...conditionRules,
  ...roleRules,
  ...deadlineRules,
  ...fieldRules,
  ...unsupportedRules,
};

/** Severity of each rule, as the server reports it. */
export const severities: Record<string, 'error' | 'warn'> = {
  'no-start-event': 'error',
  'multiple-start-events': 'error',
  'no-end-event': 'warn',
  'start-has-incoming': 'error',
  'end-has-outgoing': 'error',
  'gateway-no-outgoing': 'error',
  'gateway-no-incoming': 'error',
  'missing-condition': 'error',
  'invalid-expression': 'error',
  'missing-role': 'error',
  'unknown-role': 'error',
  'invalid-role': 'error',
  'unknown-escalation-policy': 'error',
  'invalid-duration': 'error',
  'invalid-due-calendar': 'error',
  'working-days-due': 'error',
  'invalid-field': 'error',
  'unsupported-element': 'error',
  'boundary-no-outgoing': 'error',
  unreachable: 'error',
};
