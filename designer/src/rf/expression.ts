/**
 * Syntax check for condition expressions, mirroring the engine's ExpressionParser
 * (workflows/ReferralFlow.Workflows/Expressions): literals, lists, dotted paths, and/or/not (&& || !),
 * comparisons, in / not in, unary minus, parentheses; a surrounding ${ } or a leading = is ignored.
 * Returns null when the text parses, else an English message with the position.
 */
type Kind = 'num' | 'str' | 'id' | 'kw' | 'op' | 'end';
interface Token {
  kind: Kind;
  text: string;
  pos: number;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'in']);
const OPS2 = ['==', '!=', '<=', '>=', '&&', '||'];
const OPS1 = ['<', '>', '!', '(', ')', '[', ']', ',', '.', '-'];

function lex(source: string, offset: number): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9.]/.test(source[i])) i++;
      const text = source.slice(start, i);
      if (!/^\d+(\.\d+)?$/.test(text)) return `Malformed number '${text}' at position ${start + offset}`;
      tokens.push({ kind: 'num', text, pos: start + offset });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      if (i >= source.length) return `Unterminated string starting at position ${start + offset}`;
      i++;
      tokens.push({ kind: 'str', text: source.slice(start, i), pos: start + offset });
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      while (i < source.length && /[\p{L}\p{N}_]/u.test(source[i])) i++;
      const text = source.slice(start, i);
      tokens.push({
        kind: KEYWORDS.has(text.toLowerCase()) ? 'kw' : 'id',
        text: KEYWORDS.has(text.toLowerCase()) ? text.toLowerCase() : text,
        pos: start + offset,
      });
      continue;
    }
    const two = source.slice(i, i + 2);
    if (OPS2.includes(two)) {
      tokens.push({ kind: 'op', text: two === '&&' ? 'and' : two === '||' ? 'or' : two, pos: start + offset });
      i += 2;
      continue;
    }
    if (OPS1.includes(c)) {
      tokens.push({ kind: 'op', text: c === '!' ? 'not' : c, pos: start + offset });
      i++;
      continue;
    }
    if (c === '=') return `Unexpected '=' at position ${start + offset}; use '==' to compare`;
    if (c === '&') return `Unexpected '&' at position ${start + offset}; use '&&' or 'and'`;
    if (c === '|') return `Unexpected '|' at position ${start + offset}; use '||' or 'or'`;
    return `Unexpected character '${c}' at position ${start + offset}`;
  }
  tokens.push({ kind: 'end', text: '', pos: source.length + offset });
  return tokens;
}

class SyntaxError_ extends Error {}

export function checkExpression(text: string): string | null {
  let source = text;
  let offset = 0;
  const trimmed = source.trim();
  if (trimmed.length === 0) return 'The condition is empty';
  const lead = source.length - source.trimStart().length;
  if (trimmed.startsWith('${')) {
    if (!trimmed.endsWith('}')) return `Unterminated '\${' starting at position ${lead}; expected '}' at the end`;
    source = trimmed.slice(2, -1);
    offset = lead + 2;
  } else if (trimmed.startsWith('=') && !trimmed.startsWith('==')) {
    source = trimmed.slice(1);
    offset = lead + 1;
  }
  const lexed = lex(source, offset);
  if (typeof lexed === 'string') return lexed;
  const tokens = lexed;
  let p = 0;
  const peek = () => tokens[p];
  const fail = (what: string): never => {
    const t = peek();
    throw new SyntaxError_(
      t.kind === 'end'
        ? `Unexpected end of the expression; expected ${what}`
        : `Unexpected '${t.text}' at position ${t.pos}; expected ${what}`,
    );
  };
  const accept = (text: string) => ((peek().kind === 'op' || peek().kind === 'kw') && peek().text === text ? (p++, true) : false);
  const expect = (text: string) => {
    if (!accept(text)) fail(`'${text}'`);
  };

  const primary = (): void => {
    const t = peek();
    if (t.kind === 'num' || t.kind === 'str' || (t.kind === 'kw' && ['true', 'false', 'null'].includes(t.text))) {
      p++;
      return;
    }
    if (t.kind === 'id') {
      p++;
      while (accept('.')) {
        if (peek().kind !== 'id' && peek().kind !== 'kw') fail("a name after '.'");
        p++;
      }
      return;
    }
    if (accept('(')) {
      or();
      expect(')');
      return;
    }
    if (accept('[')) {
      if (!accept(']')) {
        do {
          or();
        } while (accept(','));
        expect(']');
      }
      return;
    }
    fail("a value, a variable or '('");
  };
  const unary = (): void => {
    if (accept('not') || accept('-')) {
      unary();
      return;
    }
    primary();
  };
  const comparison = (): void => {
    unary();
    for (;;) {
      if (['==', '!=', '<', '<=', '>', '>='].some((o) => accept(o))) {
        unary();
        continue;
      }
      if (accept('in')) {
        unary();
        continue;
      }
      if (peek().kind === 'kw' && peek().text === 'not' && tokens[p + 1]?.text === 'in') {
        p += 2;
        unary();
        continue;
      }
      return;
    }
  };
  const and = (): void => {
    comparison();
    while (accept('and')) comparison();
  };
  const or = (): void => {
    and();
    while (accept('or')) and();
  };
  try {
    or();
    if (peek().kind !== 'end') fail('an operator or the end');
    return null;
  } catch (e) {
    if (e instanceof SyntaxError_) return e.message;
    throw e;
  }
}
