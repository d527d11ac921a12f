import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../schema-docs/types.ts';
import { indexTools } from './dispatch.ts';
import { tools, toolsByName } from './registry.ts';

describe('registry', () => {
  it('has every tool the schema docs may name once, each with a description and an object input schema', () => {
    for (const name of TOOL_NAMES) {
      const t = toolsByName.get(name);
      expect(t, name).toBeDefined();
      expect(t!.description.length).toBeGreaterThan(80);
      expect((z.toJSONSchema(t!.inputSchema, { io: 'input', unrepresentable: 'any' }) as { type: string }).type).toBe(
        'object',
      );
    }
    expect(toolsByName.size).toBe(tools.length);
  });

  it('a duplicate name fails at load', () => {
    expect(() => indexTools([...tools, tools[0]!])).toThrow(/two tools are named/);
  });

  it('every template accepts an empty input (all filters optional) except where a dimension is required', () => {
    for (const t of tools) {
      if (['breakdown', 'run_sql', 'explain_change', 'describe_schema'].includes(t.name)) continue;
      expect(t.inputSchema.safeParse({}).success, t.name).toBe(true);
    }
  });
});
