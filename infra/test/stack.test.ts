// The synthesized template against the code it deploys: health check path and ports, the conversation table's
// keys and TTL attribute, the app policy equal to iam/policy.json (and so to the SDK calls the IAM test checks),
// the environment the server reads, and an ALB idle timeout above the turn timeout.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/server/metrics.ts';
import { LOG_METRICS } from '../lib/alarms.ts';
import { fillPlaceholders, readPolicyJson } from '../lib/app-policy.ts';
import { LOGIN_PATH } from '../lib/waf.ts';
import { APP_PORT, HEALTH_PATH, SECRET_ENV, serverEnv } from '../lib/server-env.ts';
import { readSettings, type Settings } from '../lib/settings.ts';
import { TABLE_KEYS, TidelensStack } from '../lib/stack.ts';

const root = new URL('../../', import.meta.url);
const source = (path: string) => readFileSync(new URL(path, root), 'utf8');
const cdkContext = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')).context;

/** The keys of the `z.object({...})` env schemas the server validates at start-up. */
function envKeys(path: string, schema: string): string[] {
  const src = source(path);
  const start = src.indexOf(`const ${schema} = z.object({`);
  const body = src.slice(start, src.indexOf('\n});', start));
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
}

const SERVER_ENV = [
  ...envKeys('src/agent/config.ts', 'Env'),
  ...envKeys('src/server/http-config.ts', 'HttpEnv'),
  ...envKeys('src/db/url.ts', 'RdsEnv'),
];

/** The turn timeout default in src/agent/config.ts. */
const DEFAULT_TURN_MS = Number(
  /TIDELENS_TURN_TIMEOUT_MS: z\.coerce[^\n]*\.default\(([\d_]+)\)/
    .exec(source('src/agent/config.ts'))![1]!
    .replaceAll('_', ''),
);

let settings: Settings;
let t: Template;
let template: ReturnType<Template['toJSON']>;
beforeAll(() => {
  // `cdk synth` runs CDK's CloudFormation rule check; here it only costs time (most of the suite's).
  process.env.CDK_VALIDATION = 'false';
  settings = readSettings((k) => cdkContext[k]);
  const app = new App();
  t = Template.fromStack(new TidelensStack(app, 'Test', settings));
  template = t.toJSON();
});

function resourcesOf(type: string): Record<string, { Properties: Record<string, unknown> }> {
  return Object.fromEntries(
    Object.entries(template.Resources).filter(([, r]) => (r as { Type: string }).Type === type),
  ) as never;
}

describe('infra stack', () => {
  it('health-checks GET /api/health on the app port behind an HTTPS listener', () => {
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: HEALTH_PATH,
      Port: APP_PORT,
      Protocol: 'HTTP',
      Matcher: { HttpCode: '200' },
    });
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      Certificates: [{ CertificateArn: settings.certificateArn }],
    });
    expect(source('src/server/http/routes/meta.ts')).toContain(`app.get('${HEALTH_PATH.replace('/api', '')}'`);
    // Instances take traffic from the ALB's security group only, on the app port.
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: APP_PORT,
      ToPort: APP_PORT,
      SourceSecurityGroupId: Match.anyValue(),
    });
  });

  it('keeps idle connections open longer than the longest turn', () => {
    const lb = Object.values(resourcesOf('AWS::ElasticLoadBalancingV2::LoadBalancer'))[0]!;
    const attrs = lb.Properties.LoadBalancerAttributes as { Key: string; Value: string }[];
    const idle = Number(attrs.find((a) => a.Key === 'idle_timeout.timeout_seconds')!.Value);
    expect(DEFAULT_TURN_MS).toBe(120_000);
    expect(idle * 1000).toBeGreaterThan(Math.max(DEFAULT_TURN_MS, settings.turnTimeoutMs));
  });

  it('creates the conversation table with the keys and TTL attribute the store uses', () => {
    const store = source('src/server/store/dynamo.ts');
    expect(store).toContain(`{ AttributeName: '${TABLE_KEYS.partition}', KeyType: 'HASH' }`);
    expect(store).toContain(`{ AttributeName: '${TABLE_KEYS.sort}', KeyType: 'RANGE' }`);
    expect(store).toContain(`TimeToLiveSpecification: { AttributeName: '${TABLE_KEYS.ttl}', Enabled: true }`);
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: settings.dynamoTable,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('gives the instances iam/policy.json as their app policy, and no other policy touches Bedrock or DynamoDB', () => {
    const values = {
      REGION: settings.region,
      ACCOUNT_ID: settings.account,
      BEDROCK_MODEL_ID: settings.bedrockModelId,
      BASE_MODEL_ID: settings.bedrockModelId.replace(/^us\./, ''),
      DYNAMO_TABLE: settings.dynamoTable,
    };
    const expected = JSON.parse(fillPlaceholders(JSON.stringify(readPolicyJson()), values));
    const policies = Object.values(resourcesOf('AWS::IAM::Policy')).map((p) => p.Properties);
    const app = policies.find((p) => p.PolicyName === 'tidelens-app')!;
    expect(app.PolicyDocument).toEqual(expected);
    // test/server/iam-policy.test.ts pins iam/policy.json to the SDK commands; this pins the deployed copy.
    const actions = (doc: unknown) =>
      (doc as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) => [s.Action].flat());
    expect(actions(app.PolicyDocument).sort()).toEqual(actions(readPolicyJson()).sort());
    for (const p of policies.filter((x) => x !== app)) {
      for (const a of actions(p.PolicyDocument)) expect(a).not.toMatch(/^(bedrock|dynamodb):/);
    }
  });

  it('runs the server with settings it reads, in production shape, and passwords only from Secrets Manager', () => {
    const env = serverEnv(settings, { primary: 'primary.example', replica: 'replica.example' });
    for (const k of [...Object.keys(env), ...SECRET_ENV]) expect(SERVER_ENV).toContain(k);
    expect(env).toMatchObject({ HOST: '0.0.0.0', TIDELENS_TRUST_PROXY: 'true', TIDELENS_STORE: 'dynamo' });
    expect(env).toMatchObject({
      TIDELENS_PROVIDER: 'bedrock',
      DYNAMO_TABLE: settings.dynamoTable,
      RDS_ENDPOINT: 'replica.example',
    });
    expect(Object.keys(env).some((k) => /PASSWORD/.test(k))).toBe(false);
    const userData = JSON.stringify(Object.values(resourcesOf('AWS::EC2::LaunchTemplate'))[0]!.Properties);
    for (const [k, v] of Object.entries(env).filter(([k]) => k !== 'RDS_ENDPOINT'))
      expect(userData).toContain(`${k}=${v}`);
    expect(userData).toContain('bin/tidelens.js serve');
    expect(userData).toContain('systemctl enable --now tidelens');
    expect(userData).toContain(`s3://${settings.releaseBucket}/${settings.releaseKey}`);
    expect(Object.keys(resourcesOf('AWS::SecretsManager::Secret')).length).toBeGreaterThanOrEqual(2);
  });

  it('puts a WAF rate-based rule on the log-in route', () => {
    expect(source('src/server/http/routes/auth.ts')).toContain("app.post('/auth/login'");
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              ScopeDownStatement: { ByteMatchStatement: Match.objectLike({ SearchString: LOGIN_PATH }) },
            }),
          },
        }),
      ],
    });
    t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('creates a MySQL primary and a read replica, and alarms on health, 5xx and the log-derived metrics', () => {
    t.resourceCountIs('AWS::RDS::DBInstance', 2);
    t.hasResourceProperties('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: Match.anyValue() });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'UnHealthyHostCount' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HTTPCode_Target_5XX_Count' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HTTPCode_ELB_5XX_Count' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'tidelens_errors_total', Namespace: 'Tidelens' });
    // CloudWatch's log-derived series carry the names /api/metrics uses for the same counts.
    for (const name of Object.keys(LOG_METRICS)) expect(Object.values(METRIC_NAMES)).toContain(name);
  });

  it('uses existing databases when asked, creating no RDS instance', () => {
    const s = readSettings(
      (k) =>
        ({ ...cdkContext, database: 'existing', existingPrimaryHost: 'p.example', existingReplicaHost: 'r.example' })[
          k
        ],
    );
    const other = Template.fromStack(new TidelensStack(new App(), 'Existing', s));
    other.resourceCountIs('AWS::RDS::DBInstance', 0);
    other.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });
});
