import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import rf from '../src/moddle/rf.json';
import { lint } from '../src/lint/lint';
import { issueText } from '../src/issueTexts';
import { checkExpression } from '../src/rf/expression';
import { fromFriendly, isIsoDuration, isWholeDays, toFriendly } from '../src/rf/duration';

const wrap = (body: string, lanes = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${lanes}${body}</bpmn:process>
</bpmn:definitions>`;

const lane = (role: string | null, ...refs: string[]) =>
  `<bpmn:laneSet id="ls"><bpmn:lane id="L" name="동주민센터"${role === null ? '' : ` rf:role="${role}"`}>${refs.map((r) => `<bpmn:flowNodeRef>${r}</bpmn:flowNodeRef>`).join('')}</bpmn:lane></bpmn:laneSet>`;

const flow = (id: string, from: string, to: string, condition?: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${condition === undefined ? '' : `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>`}</bpmn:sequenceFlow>`;

const simple = (task = '<bpmn:userTask id="T" name="방문" rf:role="dong" />') =>
  `<bpmn:startEvent id="S" />${task}<bpmn:endEvent id="E" />${flow('f1', 'S', 'T')}${flow('f2', 'T', 'E')}`;

async function issuesOf(xml: string, config = {}) {
  const { rootElement, warnings } = await new BpmnModdle({ rf }).fromXML(xml);
  expect(warnings).toEqual([]);
  return lint(rootElement, config);
}
const codes = async (xml: string, config = {}) => (await issuesOf(xml, config)).map((i) => `${i.code}@${i.elementId}`).sort();

describe('rf lint rules (mirroring the server validator)', () => {
  it('a complete flow has no issues', async () => {
    expect(await codes(wrap(simple()))).toEqual([]);
  });

  it('no-start-event and no-end-event', async () => {
    const issues = await issuesOf(wrap('<bpmn:userTask id="T" rf:role="dong" />'));
    expect(issues.map((i) => i.code).sort()).toEqual(['no-end-event', 'no-start-event']);
    expect(issues.find((i) => i.code === 'no-start-event')).toMatchObject({
      elementId: 'p',
      severity: 'error',
      message: 'The process has no none start event.',
    });
    expect(issues.find((i) => i.code === 'no-end-event')?.severity).toBe('warning');
  });

  it('multiple-start-events reports the second start', async () => {
    expect(await codes(wrap(simple() + '<bpmn:startEvent id="S2" />' + flow('f3', 'S2', 'T')))).toEqual(['multiple-start-events@S2']);
  });

  it('missing-role when a user task is in no lane and has no rf:role; a lane gives the role', async () => {
    const issues = await issuesOf(wrap(simple('<bpmn:userTask id="T" name="방문" />')));
    expect(issues).toEqual([
      {
        code: 'missing-role',
        elementId: 'T',
        severity: 'error',
        message: "User task '방문' has no role: draw it in a lane or set rf:role.",
        args: { name: '방문' },
      },
    ]);
    expect(await codes(wrap(simple('<bpmn:userTask id="T" name="방문" />'), lane('dong', 'T')))).toEqual([]);
  });

  it('unknown-role against the configured role keys, including roles derived from lane names', async () => {
    const config = { roles: ['dong', 'cleaning'] };
    expect(await codes(wrap(simple('<bpmn:userTask id="T" rf:role="nobody" />')), config)).toEqual(['unknown-role@T']);
    expect(await codes(wrap(simple('<bpmn:userTask id="T" />'), lane(null, 'T')), config)).toEqual(['unknown-role@T']);
    expect(await codes(wrap(simple('<bpmn:userTask id="T" />'), lane('cleaning', 'T')), config)).toEqual([]);
  });

  it('invalid-role for a lane role that is not an ASCII slug', async () => {
    expect(await codes(wrap(simple('<bpmn:userTask id="T" />'), lane('청소', 'T')))).toEqual(['invalid-role@L']);
  });

  it('unknown-escalation-policy against the configured policies', async () => {
    const xml = wrap(simple('<bpmn:userTask id="T" rf:role="dong" rf:escalation="fast" />'));
    expect(await codes(xml, { policies: ['standard'] })).toEqual(['unknown-escalation-policy@T']);
    expect(await codes(xml, { policies: ['standard', 'fast'] })).toEqual([]);
  });

  it('invalid-duration for rf:due and for timers without a duration', async () => {
    expect(await codes(wrap(simple('<bpmn:userTask id="T" rf:role="dong" rf:due="3 days" />')))).toEqual(['invalid-duration@T']);
    expect(await codes(wrap(simple('<bpmn:userTask id="T" rf:role="dong" rf:due="P1DT4H" />')))).toEqual([]);
    const timer = `<bpmn:boundaryEvent id="B" attachedToRef="T" cancelActivity="false"><bpmn:timerEventDefinition id="td" /></bpmn:boundaryEvent>${flow('f9', 'B', 'E')}`;
    expect(await codes(wrap(simple() + timer))).toEqual(['invalid-duration@B']);
  });

  it('working-days-due when working days are on and rf:due is not whole days (P<n>D, n ≥ 1) or is missing', async () => {
    const task = (attrs: string) => wrap(simple(`<bpmn:userTask id="T" rf:role="dong" ${attrs} />`));
    const fine = [
      'rf:due="P3D" rf:dueCalendar="working"',
      'rf:due="P1D" rf:dueCalendar="working"',
      'rf:due=" P10D " rf:dueCalendar="working"',
      'rf:due="PT4H" rf:dueCalendar="calendar"',
      'rf:due="P1W" rf:dueCalendar=""',
      'rf:due="P1DT4H"',
      '',
    ];
    for (const attrs of fine) expect(await codes(task(attrs)), attrs).toEqual([]);
    for (const bad of ['rf:due="PT4H"', 'rf:due="P1DT2H"', 'rf:due="P0D"', 'rf:due="P1W"', 'rf:due="P1M"', 'rf:due="P1Y"', '']) {
      expect(await codes(task(`${bad} rf:dueCalendar="working"`)), bad).toEqual(['working-days-due@T']);
    }
    const issues = await issuesOf(task('rf:due="PT4H" rf:dueCalendar=" working "'));
    expect(issues).toEqual([
      {
        code: 'working-days-due',
        elementId: 'T',
        severity: 'error',
        message: `rf:dueCalendar="working" counts whole working days: give rf:due as days only, e.g. P3D (was 'PT4H').`,
        args: { value: 'PT4H' },
      },
    ]);
    // A due that is not a duration at all is invalid-duration; like the server, it is not whole days either.
    expect(await codes(task('rf:due="3 days" rf:dueCalendar="working"'))).toEqual(['invalid-duration@T', 'working-days-due@T']);
  });

  it('invalid-due-calendar for a value other than working or calendar', async () => {
    const task = (value: string) => wrap(simple(`<bpmn:userTask id="T" rf:role="dong" rf:due="P3D" rf:dueCalendar="${value}" />`));
    for (const ok of ['working', 'calendar', '', ' calendar ']) expect(await codes(task(ok)), ok).toEqual([]);
    for (const bad of ['workdays', 'Working', 'business']) expect(await codes(task(bad)), bad).toEqual(['invalid-due-calendar@T']);
    expect((await issuesOf(task('workdays')))[0]).toMatchObject({
      severity: 'error',
      message: `rf:dueCalendar must be "working" or "calendar", not 'workdays'.`,
    });
  });

  it('missing-condition on an exclusive gateway flow that is neither conditional nor default', async () => {
    const body = `<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" name="위험?" /><bpmn:endEvent id="E1" /><bpmn:endEvent id="E2" />
      ${flow('f1', 'S', 'G')}${flow('yes', 'G', 'E1', 'risk == "high"')}${flow('no', 'G', 'E2')}`;
    const issues = await issuesOf(wrap(body));
    expect(issues).toEqual([
      {
        code: 'missing-condition',
        elementId: 'no',
        severity: 'error',
        message: "Flow 'no' leaves exclusive gateway '위험?' without a condition and is not its default flow.",
        args: { flow: 'no', name: '위험?' },
      },
    ]);
    expect(
      await codes(
        wrap(body.replace('<bpmn:exclusiveGateway id="G" name="위험?" />', '<bpmn:exclusiveGateway id="G" name="위험?" default="no" />')),
      ),
    ).toEqual([]);
  });

  it('invalid-expression with the position of the problem', async () => {
    const body = `<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" default="no" /><bpmn:endEvent id="E1" /><bpmn:endEvent id="E2" />
      ${flow('f1', 'S', 'G')}${flow('yes', 'G', 'E1', 'risk = "high"')}${flow('no', 'G', 'E2')}`;
    const issues = await issuesOf(wrap(body));
    expect(issues.map((i) => i.code)).toEqual(['invalid-expression']);
    expect(issues[0].message).toContain("use '==' to compare");
  });

  it('gateway-no-outgoing and gateway-no-incoming', async () => {
    const body = `<bpmn:startEvent id="S" /><bpmn:parallelGateway id="G" /><bpmn:parallelGateway id="G2" /><bpmn:endEvent id="E" />${flow('f1', 'S', 'G')}${flow('f2', 'G2', 'E')}`;
    expect(await codes(wrap(body))).toEqual(['gateway-no-incoming@G2', 'gateway-no-outgoing@G', 'unreachable@E', 'unreachable@G2']);
  });

  it('unreachable for nodes no path from the start reaches', async () => {
    expect(await codes(wrap(simple() + '<bpmn:userTask id="Lost" rf:role="dong" />' + flow('f5', 'Lost', 'E')))).toEqual([
      'unreachable@Lost',
    ]);
  });

  it('start-has-incoming and end-has-outgoing', async () => {
    const body = simple() + flow('back', 'E', 'S');
    expect(await codes(wrap(body))).toEqual(['end-has-outgoing@E', 'start-has-incoming@S']);
  });

  it('invalid-field for bad ids, duplicates, unknown types and selects without options', async () => {
    const fields = `<bpmn:extensionElements>
      <rf:field id="1st" type="text" /><rf:field id="a" type="text" /><rf:field id="a" type="text" />
      <rf:field id="b" type="colour" /><rf:field id="c" type="select" /></bpmn:extensionElements>`;
    const issues = await issuesOf(wrap(simple(`<bpmn:userTask id="T" rf:role="dong">${fields}</bpmn:userTask>`)));
    expect(issues.map((i) => i.code)).toEqual(['invalid-field', 'invalid-field', 'invalid-field', 'invalid-field']);
  });

  it('invalid-field when rf:health is neither true nor false, naming the field and the value', async () => {
    const fields = `<bpmn:extensionElements>
      <rf:field id="ok" health="true" /><rf:field id="no" health=" False " /><rf:field id="bad" health="yes" /></bpmn:extensionElements>`;
    const issues = await issuesOf(wrap(simple(`<bpmn:userTask id="T" rf:role="dong">${fields}</bpmn:userTask>`)));
    expect(issues.map((i) => `${i.code}@${i.elementId}`)).toEqual(['invalid-field@T']);
    expect(issues[0].args).toMatchObject({ reason: 'reason.field-health', field: 'bad', value: 'yes' });
    expect(issueText(issues[0].code, issues[0].args, 'ko')).toContain('rf:health');
  });

  it('every report names the arguments of its shared Korean and English text', async () => {
    const fields = `<bpmn:extensionElements><rf:field id="1st" /><rf:field id="a" /><rf:field id="a" /><rf:field id="b" type="colour" /><rf:field id="c" type="select" /><rf:field id="d" health="maybe" /></bpmn:extensionElements>`;
    const body =
      '<bpmn:startEvent id="S" /><bpmn:startEvent id="S2" /><bpmn:exclusiveGateway id="G" name="위험?" /><bpmn:parallelGateway id="G2" />' +
      `<bpmn:userTask id="T" name="방문" rf:due="3 days" rf:dueCalendar="weekly" rf:escalation="nope">${fields}</bpmn:userTask>` +
      '<bpmn:userTask id="W" rf:role="x" rf:due="PT4H" rf:dueCalendar="working" /><bpmn:scriptTask id="X" name="스크립트" /><bpmn:serviceTask id="Y" />' +
      '<bpmn:intermediateCatchEvent id="M"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent><bpmn:task id="O" />' +
      '<bpmn:boundaryEvent id="B" attachedToRef="W"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>' +
      `${flow('f1', 'S', 'G')}${flow('f2', 'G', 'T', 'risk ==')}${flow('f3', 'G', 'W')}${flow('f4', 'T', 'S')}${flow('f5', 'X', 'G2')}`;
    const issues = await issuesOf(wrap(body, lane('Bad Role!')), { roles: ['dong'], policies: [] });
    expect(new Set(issues.map((i) => i.code)).size).toBeGreaterThan(12);
    for (const issue of issues) {
      for (const language of ['ko', 'en'] as const) expect(issueText(issue.code, issue.args, language), issue.code).not.toMatch(/[{}]/);
    }
  });

  it('unsupported-element for elements outside the executable subset', async () => {
    const body = simple() + '<bpmn:scriptTask id="X" name="스크립트" />' + flow('f7', 'T', 'X');
    const issues = await issuesOf(wrap(body));
    expect(issues.map((i) => `${i.code}@${i.elementId}`)).toContain('unsupported-element@X');
    expect(issues.find((i) => i.code === 'unsupported-element')?.message).toContain('script tasks are not executed');
  });

  it('boundary-no-outgoing for a timer with nowhere to go', async () => {
    const timer =
      '<bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:timerEventDefinition id="td"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>';
    expect(await codes(wrap(simple() + timer))).toEqual(['boundary-no-outgoing@B']);
  });

  const templates = resolve(__dirname, '../../workflows/templates');
  for (const file of readdirSync(templates).filter((f) => f.endsWith('.bpmn'))) {
    it(`bundled template ${file} has no lint errors`, async () => {
      const issues = await issuesOf(readFileSync(join(templates, file), 'utf8'), { policies: ['standard', 'urgent'] });
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    });
  }
});

describe('condition syntax check', () => {
  it.each([
    'riskLevel == "high" and not consentRefused',
    'needs.cleaning',
    'score >= 3',
    '"cleaning" in splits',
    'riskLevel in ["high", "medium"]',
    '${amount > 100}',
    '=x != null',
    'a && (b || !c)',
    'x not in [1, -2.5]',
    '위험도 == "고위험"',
  ])('accepts %s', (text) => expect(checkExpression(text)).toBeNull());

  it.each([
    ['risk = "high"', "use '==' to compare"],
    ['a and', 'Unexpected end'],
    ['(a', "expected ')'"],
    ['"open', 'Unterminated string'],
    ['a b', 'Unexpected'],
    ['', 'empty'],
    ['a & b', "use '&&'"],
  ])('refuses %s', (text, message) => expect(checkExpression(text)).toContain(message));
});

describe('deadline editor conversions', () => {
  it('writes days and hours as ISO 8601', () => {
    expect(fromFriendly({ days: 3, hours: 0 })).toBe('P3D');
    expect(fromFriendly({ days: 0, hours: 4 })).toBe('PT4H');
    expect(fromFriendly({ days: 1, hours: 2 })).toBe('P1DT2H');
    expect(fromFriendly({ days: 0, hours: 0 })).toBeUndefined();
  });
  it('recognises whole days, the only rf:due allowed when counting working days', () => {
    for (const ok of ['P1D', 'P3D', ' P10D ', 'P0003D']) expect(isWholeDays(ok), ok).toBe(true);
    for (const bad of ['P0D', 'PT4H', 'P1DT2H', 'P1W', 'P1M', 'P1Y', 'P', '3D', 'P-1D', '', null, undefined])
      expect(isWholeDays(bad), String(bad)).toBe(false);
  });
  it('reads ISO 8601 back, or null for durations the editor cannot show', () => {
    expect(toFriendly('P3D')).toEqual({ days: 3, hours: 0 });
    expect(toFriendly('PT48H')).toEqual({ days: 0, hours: 48 });
    expect(toFriendly('P1M')).toBeNull();
    expect(isIsoDuration('P1M')).toBe(true);
    expect(isIsoDuration('3D')).toBe(false);
  });
});
