// What the CLI's turns run with (`tidelens ask`, `tidelens eval`): the registry's tools and the CLI user.
import { TidelensError } from '../errors.ts';
import { ROLES } from '../protocol/vocabulary.ts';
import type { Role, Tool, ToolUser } from '../tools/types.ts';

export async function loadTools(): Promise<Tool[]> {
  const url = new URL('../tools/registry.ts', import.meta.url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('registry.ts')) {
      const why =
        'the query tools (src/tools/registry.ts) are not part of this build yet, so there is nothing to ' +
        'answer with';
      throw new TidelensError('internal', why);
    }
    throw e;
  }
  const tools = mod.tools;
  if (!Array.isArray(tools) || !tools.length) {
    throw new TidelensError('internal', 'src/tools/registry.ts exports no `tools` array');
  }
  return tools as Tool[];
}

export function cliUser(env: NodeJS.ProcessEnv): ToolUser {
  const role = (env.TIDELENS_CLI_ROLE ?? 'analyst') as Role;
  if (!ROLES.includes(role)) {
    throw new TidelensError('bad_config', `TIDELENS_CLI_ROLE must be one of ${ROLES.join(', ')} (got "${role}")`);
  }
  return { id: env.TIDELENS_CLI_USER || 'cli', role };
}
