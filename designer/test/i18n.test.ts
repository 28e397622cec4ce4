// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssue, language, t } from '../src/i18n';
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

  it('has a Korean description for every lint code', () => {
    expect(Object.keys(rules).filter((code) => describeIssue(code, 'detail') === 'detail')).toEqual([]);
    expect(describeIssue('working-days-due', 'detail')).toBe('근무일 기준 기한은 일 단위(P3D 등)로만 정합니다 — detail');
  });
});
