// What a new password must not be: one character repeated, a run like abcd… or 9876…, or something an
// attacker's first guesses cover. The last is zxcvbn-ts with its common dictionaries (leaked-password
// ranks, names, keyboard walks), so the list stays maintained upstream instead of in this repository.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's 0–4 scale; 3 means "safely unguessable" against an online attack with some throttling. */
export const MIN_PASSWORD_SCORE = 3;
const ADVICE = 'use four or more unrelated words or a generated password';

// Built on first use: loading the dictionaries costs a few tens of milliseconds that only password changes need.
let checker: ZxcvbnFactory | undefined;

/** A sentence saying why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (/^(.{1,3})\1+$/su.test(password)) {
    return `a password cannot be one character (or a short group) repeated; ${ADVICE}`;
  }
  if (isRun(password))
    return 'a password cannot be a run like abcd… or 1234…; use four or more unrelated words or a generated password';
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const r = checker.check(password, userInputs);
  if (r.score >= MIN_PASSWORD_SCORE) return null;
  const weak = r.sequence
    .filter((m) => m.pattern !== 'bruteforce' && m.token.length >= 3)
    .map((m) => `"${m.token}"`)
    .slice(0, 3);
  const found = weak.length ? ` (it is built from ${weak.join(', ')})` : '';
  return `this password is among the first an attacker would try${found}; ${ADVICE}`;
}

/** Every character one code point above (or below) the previous one: abcdef…, 123456…, zyxw…. */
function isRun(s: string): boolean {
  const cps = [...s.toLowerCase()].map((c) => c.codePointAt(0)!);
  if (cps.length < 3) return false;
  const step = cps[1]! - cps[0]!;
  return Math.abs(step) === 1 && cps.every((c, i) => i === 0 || c - cps[i - 1]! === step);
}
