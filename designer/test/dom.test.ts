// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { h, replaceChildren } from '../src/app/dom';

describe('dom helper', () => {
  it('writes strings as text, never as markup', () => {
    const li = h('li', { class: 'x', 'data-code': '"><img src=x>' }, '<img src=x onerror=alert(1)>', 3);
    expect(li.querySelector('img')).toBeNull();
    expect(li.textContent).toBe('<img src=x onerror=alert(1)>3');
    expect(li.dataset.code).toBe('"><img src=x>');
    expect(li.outerHTML).toContain('&lt;img');
  });

  it('refuses inline event handler attributes', () => {
    expect(() => h('button', { onclick: 'alert(1)' })).toThrow(/not allowed/);
    expect(() => h('img', { OnError: 'alert(1)' })).toThrow(/not allowed/);
  });

  it('leaves out empty attributes and children, writes true as an empty attribute', () => {
    const input = h('input', { hidden: true, required: false, title: undefined, value: null });
    expect(input.outerHTML).toBe('<input hidden="">');
    const box = h('div', {}, 'a');
    replaceChildren(box, null, false, 'b', h('span', {}, 'c'));
    expect(box.innerHTML).toBe('b<span>c</span>');
  });
});
