// A server whose turns stream a partial answer and then never end: the L7 test kills it with SIGKILL
// mid-turn. Run as `node --import tsx test/server/stuck-server.ts DIR`; prints the port when listening.
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import type { AssistantEvent, ChatTurnInput } from '../../src/agent/assistant-types.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import { ScriptedAssistant, summary } from './support.ts';

class StuckAssistant extends ScriptedAssistant {
  override async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
    const s = summary(input);
    yield { type: 'text', delta: 'Net sales fell ' };
    yield { type: 'tool_finished', step: s.steps[0]! };
    yield { type: 'table', table: s.tables[0]! };
    await new Promise(() => {});
  }
}

const dir = process.argv[2]!;
const app = createApp({
  assistant: new StuckAssistant(),
  store: new SqliteConversationStore(join(dir, 'conversations.db')),
  db: openSqlite(join(dir, 'app.db')),
  config: loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') }),
  log: () => {},
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${info.port}\n`);
});
server.on('error', (e) => {
  process.stderr.write(String(e));
  process.exit(1);
});
