/** Deadlines of user tasks and timers: durations, the working-day calendar and escalation policies. */
import { isIsoDuration, isWholeDays } from '../../rf/duration';
import { DUE_CALENDARS, countsWorkingDays } from '../../rf/model';
import { is, name, named, perType, timerDefinition, type Rule, type RuleConfig, type RuleFactory } from './shared';

export const deadlineRules: Record<string, RuleFactory> = {
  'unknown-escalation-policy': (config?: RuleConfig): Rule => ({
    check(n, r) {
      if (n.$type !== 'bpmn:UserTask' || !config?.policies) return;
      const policy = n.get('rf:escalation');
      if (policy && !config.policies.includes(policy))
        r.report(n.id, `User task '${name(n)}' uses escalation policy '${policy}', which is not configured.`, named(n, { policy }));
    },
  }),
  'invalid-duration': (): Rule => ({
    check(n, r) {
      if (n.$type === 'bpmn:UserTask') {
        const due = n.get('rf:due');
        if (due != null && !isIsoDuration(due))
          r.report(n.id, `rf:due: '${due}' is not an ISO 8601 duration (expected e.g. P3D, PT48H, P1M).`, {
            args: { reason: 'reason.due-not-duration', value: String(due) },
          });
      }
      const timer = is(n, 'bpmn:CatchEvent') ? timerDefinition(n) : undefined;
      if (timer) {
        const text = timer.timeDuration?.body ?? timer.timeCycle?.body;
        if (!text || (!isIsoDuration(String(text)) && !/^R\d*\/P/.test(String(text).trim()))) {
          r.report(n.id, `Timer '${name(n)}' needs a duration such as PT48H or P3D.`, {
            args: text ? { reason: 'reason.timer-not-duration', value: String(text) } : { reason: 'reason.timer-missing' },
          });
        }
      }
    },
  }),
  'invalid-due-calendar': perType('bpmn:UserTask', (n, r) => {
    const value = n.get('rf:dueCalendar');
    if (value != null && String(value).trim() && !(DUE_CALENDARS as readonly string[]).includes(String(value).trim())) {
      r.report(n.id, `rf:dueCalendar must be "working" or "calendar", not '${value}'.`, { args: { value: String(value) } });
    }
  }),
  'working-days-due': perType('bpmn:UserTask', (n, r) => {
    if (!countsWorkingDays(n)) return;
    const due = String(n.get('rf:due') ?? '').trim();
    if (!isWholeDays(due))
      r.report(n.id, `rf:dueCalendar="working" counts whole working days: give rf:due as days only, e.g. P3D (was '${due}').`, {
        args: { value: due },
      });
  }),
};
