// The name an email greets by: the first name, when it is letters (any script) — never a link, a number or a sentence.
import { describe, expect, it } from 'vitest';
import { greetingName } from '@/lib/email/greeting-name';

describe('greetingName', () => {
  it.each([
    ['Ngozi Test', 'Ngozi'],
    ['  Ada   Obi ', 'Ada'],
    ["O'Neil Brown", "O'Neil"],
    ['Jean-Luc Picard', 'Jean-Luc'],
    ['Ọláolúwa Ádébáyọ̀', 'Ọláolúwa'],
    ['Zoë', 'Zoë'],
    ['Алексей Смирнов', 'Алексей'],
    ['محمد علي', 'محمد'],
    ['देवनागरी नाम', 'देवनागरी'],
    ['李小龙', '李小龙'],
  ])('%j → %j', (name, expected) => {
    expect(greetingName(name)).toBe(expected);
  });

  it.each([
    ['https://evil.example/claim your refund'],
    ['evil.example'],
    ['J.R. Smith'],
    ['08031234567'],
    ['ada@evil.example'],
    ['<b>Ada</b>'],
    ['Ada!'],
    ['-Ada'],
    ['A'.repeat(25)],
    [''],
    ['   '],
    [null],
    [undefined],
  ])('%j → no name (a neutral greeting)', (name) => {
    expect(greetingName(name)).toBeNull();
  });
});
