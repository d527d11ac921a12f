// The instance role's application policy is iam/policy.json itself, with its placeholders filled in: the
// file the IAM test checks against the SDK calls is the one deployed, so the two cannot drift.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as iam from 'aws-cdk-lib/aws-iam';

export const POLICY_PATH = fileURLToPath(new URL('../../iam/policy.json', import.meta.url));

export interface PolicyDocumentJson {
  Version: string;
  Statement: { Sid: string; Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string | string[] }[];
}

export interface PolicyValues {
  REGION: string;
  ACCOUNT_ID: string;
  BEDROCK_MODEL_ID: string;
  BASE_MODEL_ID: string;
  DYNAMO_TABLE: string;
}

export function readPolicyJson(path = POLICY_PATH): PolicyDocumentJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PolicyDocumentJson;
}

/** `<NAME>` → value; an unknown placeholder is an error, not a literal `<X>` in a deployed ARN. */
export function fillPlaceholders(text: string, values: PolicyValues): string {
  return text.replace(/<([A-Z_]+)>/g, (_, name: string) => {
    const v = (values as unknown as Record<string, string>)[name];
    if (v === undefined) throw new Error(`iam/policy.json uses <${name}>, which the infra does not fill in`);
    return v;
  });
}

export function appPolicyStatements(values: PolicyValues, doc = readPolicyJson()): iam.PolicyStatement[] {
  const filled = JSON.parse(fillPlaceholders(JSON.stringify(doc), values)) as PolicyDocumentJson;
  return filled.Statement.map((s) =>
    iam.PolicyStatement.fromJson({ Sid: s.Sid, Effect: s.Effect, Action: s.Action, Resource: s.Resource }),
  );
}
