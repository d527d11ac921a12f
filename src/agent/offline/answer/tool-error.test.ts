import { describe, expect, it } from 'vitest';
import { TOOL_LABELS } from '../../../protocol/call-words.ts';
import type { Outcome } from '../outcome.ts';
import { toolErrorLine } from './tool-error.ts';

const failed = (name: string, code: string, message: string): Outcome => ({
  name,
  input: {},
  payload: null,
  error: { code, message },
  dropped: [],
});

describe('a failed tool call in the answer', () => {
  it('is written in Chinese for a Chinese answer, without the English message or the tool id', () => {
    const o = failed('explain_change', 'query_timeout', 'explain_change ran past 20000 ms and was stopped');
    const line = toolErrorLine(o, 'zh');
    expect(line).not.toMatch(/[A-Za-z]/);
    expect(line).toContain(TOOL_LABELS.explain_change.zh);
    expect(line).toContain('耗时过长');
  });
  it('uses a generic Chinese reason for a code it does not know', () => {
    const line = toolErrorLine(failed('breakdown', 'weird_code', 'something odd at /srv/app'), 'zh');
    expect(line).not.toMatch(/[A-Za-z]/);
  });
  it('keeps the English line as it was', () => {
    const o = failed('sales_trend', 'bad_input', 'invalid input for sales_trend: grain');
    expect(toolErrorLine(o, 'en')).toBe('sales_trend could not run: invalid input for sales_trend: grain');
  });
});
