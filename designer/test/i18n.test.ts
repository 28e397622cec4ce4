// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssue, language, setLanguage, t } from '../src/i18n';
import { hasIssueText, issueText, issueTextKeys } from '../src/issueTexts';
import { rules } from '../src/lint/rules';
import { FIELD_TYPES } from '../src/rf/model';

/** The English texts the rf properties panel shows: literals inside translate(…) calls and label: '…' props. */
function panelTexts(): string[] {
  const folder = resolve(__dirname, '../src/modeler/properties');
  const source = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(folder, f), 'utf8'))
    .join('\n');
  const texts = new Set<string>(FIELD_TYPES);
  for (const [call] of source.matchAll(/translate\((?:[^()]|\([^()]*\))*\)/g)) {
    const shown = call.replace(/===\s*'[^']*'/g, '').replace(/\bis\([^()]*\)/g, '');
    for (const [, text] of shown.matchAll(/'([^']+)'/g)) texts.add(text);
  }
  for (const [, text] of source.matchAll(/\blabel: '([^']+)'/g)) texts.add(text);
  return [...texts];
}

describe('Korean texts (the default language)', () => {
  it('defaults to Korean', () => expect(language()).toBe('ko'));

  it('translates every text of the rf properties panel', () => {
    const texts = panelTexts();
    expect(texts).toEqual(expect.arrayContaining(['Count working days', 'Days', 'Hours', 'Role (lane)', 'Field id']));
    expect(texts.filter((text) => t(text) === text)).toEqual([]);
  });

  it('has Korean and English text for every lint code, from the catalogue the engine and the host share', () => {
    expect(Object.keys(rules).filter((code) => !hasIssueText(code))).toEqual([]);
    expect(describeIssue('working-days-due', 'detail', { value: 'PT4H' })).toBe(
      '근무일 기준 기한(rf:dueCalendar="working")은 일 단위로만 정합니다. 예: P3D (지금 값 \'PT4H\').',
    );
  });
});

describe('the shared issue catalogue (workflows/ReferralFlow.Workflows/Validation/issue-texts.json)', () => {
  it('has Korean and English text for every code and reason', () => {
    expect(issueTextKeys().length).toBeGreaterThan(40);
    expect(issueTextKeys().filter((key) => !hasIssueText(key))).toEqual([]);
  });

  it('formats a reason inside a code, in either language', () => {
    const args = { kind: 'subProcess', name: '방문', reason: 'reason.sub-process' };
    expect(issueText('unsupported-element', args, 'ko')).toBe(
      "subProcess '방문': 하위 프로세스는 지원하지 않습니다. 단계를 주 프로세스에 그리세요.",
    );
    expect(issueText('unsupported-element', args, 'en')).toBe(
      "subProcess '방문': sub-processes are not supported; draw the steps in the main process.",
    );
  });

  it('shows a server issue in the designer language from its arguments, and keeps the message without them', () => {
    setLanguage('en');
    expect(describeIssue('gateway-no-outgoing', '분기 …', { name: 'G' })).toBe("Gateway 'G' has no outgoing flow.");
    setLanguage('ko');
    expect(describeIssue('gateway-no-outgoing', 'as sent', { name: 'G' })).toBe("분기 'G'에서 나가는 흐름이 없습니다.");
    expect(describeIssue('not-in-catalogue', 'as sent', {})).toBe('as sent');
  });
});
