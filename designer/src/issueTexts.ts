/**
 * The texts of the validation issue codes, Korean and English: the one catalogue the engine and the host API read too
 * (imported at build time, so the designer never has texts of its own). {arg} inserts an argument, {@arg} the text
 * whose key is the argument's value.
 */
import catalogue from '../../workflows/ReferralFlow.Workflows/Validation/issue-texts.json';

export type IssueLanguage = 'ko' | 'en';
type Entry = Partial<Record<IssueLanguage, string>>;

const entries: Record<string, Entry> = Object.fromEntries(
  Object.entries(catalogue as Record<string, unknown>).filter(([, value]) => typeof value === 'object' && value !== null),
) as Record<string, Entry>;

/** Every key of the catalogue (codes and the reasons they name). */
export const issueTextKeys = (): string[] => Object.keys(entries);

export const hasIssueText = (key: string): boolean => Boolean(entries[key]?.ko && entries[key]?.en);

export function issueText(key: string, args: Record<string, string>, language: IssueLanguage, depth = 0): string {
  const template = entries[key]?.[language] ?? entries[key]?.en;
  if (!template) return key;
  return template.replace(/{(@?)([a-z]+)}/g, (whole, nested: string, name: string) => {
    const value = args[name];
    if (value === undefined) return whole;
    return nested && depth < 2 ? issueText(value, args, language, depth + 1) : value;
  });
}
