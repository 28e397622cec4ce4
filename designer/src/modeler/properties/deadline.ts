/** Editing the deadline of a user task: the days/hours parts of rf:due and the working-days switch (rf:dueCalendar). */
import { fromFriendly, toFriendly } from '../../rf/duration';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type DuePartName = 'days' | 'hours';

/**
 * rf:due after one part is edited. With working days on only whole days count (rf:due must be P<n>D), so the hours,
 * whose entry is then hidden, are dropped instead of being carried along unseen.
 */
export function dueWithPart(due: string | null | undefined, part: DuePartName, value: number, working: boolean): string | undefined {
  const next = { ...(toFriendly(due) ?? { days: 0, hours: 0 }), [part]: value };
  return fromFriendly(working ? { ...next, hours: 0 } : next);
}

/** Counts the deadline in working days (rf:dueCalendar="working") or in calendar time (attribute removed). */
export function setWorkingDays(element: Any, modeling: Any, on: boolean): void {
  modeling.updateProperties(element, { 'rf:dueCalendar': on ? 'working' : undefined });
}
