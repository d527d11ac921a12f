// iam/policy.json against the AWS calls the code makes: every SDK command the runtime sends is allowed,
// nothing else is, and every resource is the configured model or the one table (no wildcard actions).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const policy = JSON.parse(readFileSync('iam/policy.json', 'utf8')) as {
  Statement: { Sid: string; Effect: string; Action: string[]; Resource: string | string[] }[];
};

/** `new XCommand(` in a source file, minus the set-up-only commands listed beside it. */
function commandsSent(file: string, setupOnly: string[] = []): string[] {
  const src = readFileSync(file, 'utf8');
  const names = [...src.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]!);
  return [...new Set(names)].filter((n) => !setupOnly.includes(n)).sort();
}

// Converse needs bedrock:InvokeModel and ConverseStream needs bedrock:InvokeModelWithResponseStream.
const BEDROCK_ACTION: Record<string, string> = {
  Converse: 'InvokeModel',
  ConverseStream: 'InvokeModelWithResponseStream',
};

const statement = (prefix: string) => policy.Statement.find((s) => s.Action.every((a) => a.startsWith(`${prefix}:`)))!;
const resources = (s: { Resource: string | string[] }) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

describe('iam/policy.json', () => {
  it('allows only Bedrock and DynamoDB, with explicit actions', () => {
    for (const s of policy.Statement) {
      expect(s.Effect).toBe('Allow');
      for (const a of s.Action) expect(a).toMatch(/^(bedrock|dynamodb):[A-Za-z]+$/);
    }
    expect(policy.Statement).toHaveLength(2);
  });

  it('covers the Bedrock calls of src/agent/providers/bedrock.ts on the configured model only', () => {
    const used = commandsSent('src/agent/providers/bedrock.ts').map((c) => `bedrock:${BEDROCK_ACTION[c] ?? c}`);
    const s = statement('bedrock');
    for (const a of used) expect(s.Action).toContain(a);
    // The pair the issue names: both model invocation actions, nothing broader (no ListFoundationModels, no agents).
    expect([...s.Action].sort()).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    for (const r of resources(s))
      expect(r).toMatch(/(foundation-model\/<BASE_MODEL_ID>|inference-profile\/<BEDROCK_MODEL_ID>)$/);
  });

  it('covers exactly the DynamoDB calls the conversation store sends at run time, on the one table', () => {
    // Table creation and TTL set-up run once from an operator's account, not from the app's role.
    const used = commandsSent('src/server/store/dynamo.ts', ['CreateTable', 'DescribeTable', 'UpdateTimeToLive']).map(
      (c) => `dynamodb:${c}`,
    );
    const s = statement('dynamodb');
    expect([...s.Action].sort()).toEqual(used);
    expect(resources(s)).toEqual(['arn:aws:dynamodb:<REGION>:<ACCOUNT_ID>:table/<DYNAMO_TABLE>']);
  });

  it('covers the fleet rate counters, which live in the same table with no action of their own', () => {
    const s = statement('dynamodb');
    for (const c of commandsSent('src/server/counters/dynamo.ts')) expect(s.Action).toContain(`dynamodb:${c}`);
  });

  it('no other source file talks to AWS', () => {
    const files = execSync("git ls-files 'src/*.ts'", { encoding: 'utf8' }).split('\n').filter(Boolean);
    const aws = files.filter((f) => /@aws-sdk\/client-/.test(readFileSync(f, 'utf8')));
    expect(aws.sort()).toEqual(expect.arrayContaining(['src/agent/providers/bedrock.ts']));
    const allowed = [
      'src/agent/providers/bedrock.ts',
      'src/server/store/dynamo.ts',
      'src/server/store/index.ts',
      'src/server/counters/dynamo.ts',
    ];
    for (const f of aws) expect(allowed).toContain(f);
  });
});
