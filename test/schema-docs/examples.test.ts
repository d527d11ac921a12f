// An example's tool input must be accepted by that tool's own input schema, so the examples the model
// learns from never drift from the tools. Tools are found in the registry once it exists, else by
// their module (src/tools/<name-with-dashes>.ts); examples of tools not built yet are listed as skipped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSchemaDocs } from '../../src/schema-docs/index.ts';
import type { Tool } from '../../src/tools/types.ts';

const TOOLS_DIR = fileURLToPath(new URL('../../src/tools/', import.meta.url));

function isTool(v: unknown): v is Tool {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Tool).name === 'string' &&
    typeof (v as Tool).run === 'function' &&
    'inputSchema' in v
  );
}

async function findTools(): Promise<Map<string, Tool>> {
  const out = new Map<string, Tool>();
  const collect = (mod: Record<string, unknown>) => {
    for (const v of Object.values(mod)) {
      if (isTool(v)) out.set(v.name, v);
      else if (Array.isArray(v)) for (const t of v) if (isTool(t)) out.set(t.name, t);
    }
  };
  const registry = `${TOOLS_DIR}registry.ts`;
  if (existsSync(registry)) collect(await import(registry));
  const docs = readSchemaDocs();
  for (const name of new Set(docs.examples.map((e) => e.tool))) {
    const file = `${TOOLS_DIR}${name.replace(/_/g, '-')}.ts`;
    if (!out.has(name) && existsSync(file)) collect(await import(file));
  }
  return out;
}

const docs = readSchemaDocs();
const tools = await findTools();

describe('schema-docs examples match the tools', () => {
  for (const e of docs.examples.filter((x) => x.input)) {
    const tool = tools.get(e.tool);
    it.skipIf(!tool)(`${e.id}: ${e.tool} accepts ${JSON.stringify(e.input)}`, () => {
      const r = tool!.inputSchema.safeParse(e.input);
      expect(r.success, r.success ? '' : `${e.file}: ${r.error.message}`).toBe(true);
    });
  }

  it('the describe_schema example runs through the real tool', () => {
    expect(tools.has('describe_schema')).toBe(true);
  });
});
