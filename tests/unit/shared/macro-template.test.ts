import { describe, expect, it } from 'vitest';
import { firstNameOf, MACRO_PLACEHOLDERS, parseTemplate, renderTemplate, type MacroContext } from '../../../src-shared/domain/macro-template';

const context: MacroContext = {
  'customer.first_name': 'Emma',
  'customer.name': 'Emma Nelson',
  'customer.tier': 'Gold',
  'customer.last_order.number': 'SD-6940531',
  'case.id': '198',
  'case.subject': 'Still waiting for my refund',
  'agent.name': 'Jordan Lee',
  'agent.first_name': 'Jordan',
};

describe('macro templates', () => {
  it('fills every placeholder the issue lists', () => {
    const template = MACRO_PLACEHOLDERS.map((name) => `${name}={{${name}}}`).join('\n');
    const rendered = renderTemplate(template, context);
    expect(rendered.text).toBe(MACRO_PLACEHOLDERS.map((name) => `${name}=${context[name]}`).join('\n'));
    expect(rendered.missing).toEqual([]);
    expect(rendered.unknown).toEqual([]);
  });

  it('uses the fallback when a value is missing or blank, and reports a missing value without one', () => {
    const rendered = renderTemplate('Hi {{customer.first_name | "there"}}, order {{customer.last_order.number}}, {{ agent.first_name }}', {
      'customer.first_name': '   ',
      'agent.first_name': 'Jordan',
    });
    expect(rendered.text).toBe('Hi there, order , Jordan');
    expect(rendered.missing).toEqual(['customer.last_order.number']);
    expect(rendered.spans.map((s) => s.value)).toEqual(['fallback', 'missing', 'value']);
    // the spans point at what was inserted
    const fallback = rendered.spans[0]!;
    expect(rendered.text.slice(fallback.start, fallback.end)).toBe('there');
  });

  it('reads escaped quotes in a fallback, and spaces around the parts', () => {
    expect(renderTemplate('{{  customer.first_name  |  "my \\"friend\\" \\\\o/"  }}', {}).text).toBe('my "friend" \\o/');
  });

  it('flags unknown and malformed placeholders with their place, and leaves them as written', () => {
    const template = 'Hi {{customer.nickname}}, {{customer.first_name | there}} {{ }} {{customer.name}}';
    const parsed = parseTemplate(template);
    expect(parsed.problems.map((p) => [p.kind, p.source])).toEqual([
      ['unknown-placeholder', '{{customer.nickname}}'],
      ['bad-placeholder', '{{customer.first_name | there}}'],
      ['bad-placeholder', '{{ }}'],
    ]);
    expect(template.slice(parsed.problems[0]!.start, parsed.problems[0]!.end)).toBe('{{customer.nickname}}');
    const rendered = renderTemplate(template, context);
    expect(rendered.text).toBe('Hi {{customer.nickname}}, {{customer.first_name | there}} {{ }} Emma Nelson');
    expect(rendered.unknown).toEqual(['customer.nickname']);
    expect(parseTemplate('Plain text, no braces { } at all').problems).toEqual([]);
  });

  it('inserts values from customers as text: never markup, never expanded again', () => {
    const rendered = renderTemplate('Hi {{customer.name}}!', { 'customer.name': '<img src=x onerror=alert(1)> {{agent.name}}' });
    expect(rendered.text).toBe('Hi <img src=x onerror=alert(1)> {{agent.name}}!');
    expect(rendered.unknown).toEqual([]);
  });

  it('renders Korean text and names', () => {
    const rendered = renderTemplate('{{customer.name}}님, 안녕하세요. 주문번호 {{customer.last_order.number | "(없음)"}} 건의 환불이 완료되었습니다.', { 'customer.name': '오재원' });
    expect(rendered.text).toBe('오재원님, 안녕하세요. 주문번호 (없음) 건의 환불이 완료되었습니다.');
    expect(firstNameOf('오재원')).toBe('오재원');
    expect(firstNameOf('  Emma  Nelson ')).toBe('Emma');
    expect(firstNameOf('')).toBeNull();
  });
});
