// The deployment's parameters, read from CDK context (cdk.json holds offline defaults; override with
// `-c key=value`). Explicit account and region mean `cdk synth` never looks anything up in AWS.
export type DatabaseMode = 'new' | 'existing';

export interface Settings {
  account: string;
  region: string;
  /** Two zones, named so synth needs no lookup; `${region}a` and `${region}b` by default. */
  availabilityZones: string[];
  /** ACM certificate for the HTTPS listener, in the stack's region. */
  certificateArn: string;
  /** Where the release tarball (docs/deploy.md, "Build the release") lives. */
  releaseBucket: string;
  releaseKey: string;
  /** A Bedrock model id or a cross-region inference profile id (us.anthropic...). */
  bedrockModelId: string;
  dynamoTable: string;
  /** The agent loop's per-turn limit; the ALB idle timeout is set above it. */
  turnTimeoutMs: number;
  instanceType: string;
  minInstances: number;
  maxInstances: number;
  /** Log-in requests per client address per 5 minutes before WAF blocks (AWS's minimum is 10). */
  loginRequestsPer5Min: number;
  database: DatabaseMode;
  dbInstanceClass: string;
  dbName: string;
  /** Only with database=existing: hosts the instances can reach (VPC peering or the same network). */
  existingPrimaryHost?: string;
  existingReplicaHost?: string;
  /** Alarm notifications; no subscription without it. */
  alarmEmail?: string;
  /** An hour of model spend above this raises an alarm. */
  hourlyCostAlarmUsd: number;
}

type Context = (key: string) => unknown;

function str(ctx: Context, key: string, fallback?: string): string {
  const v = ctx(key);
  if (v === undefined || v === '') {
    if (fallback === undefined)
      throw new Error(`context "${key}" is required: pass -c ${key}=... or set it in cdk.json`);
    return fallback;
  }
  return String(v);
}

function num(ctx: Context, key: string, fallback: number, min: number): number {
  const v = ctx(key);
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`context "${key}" must be a number of at least ${min} (got ${v})`);
  return n;
}

export function readSettings(ctx: Context): Settings {
  const database = str(ctx, 'database', 'new');
  if (database !== 'new' && database !== 'existing') throw new Error('context "database" must be new or existing');
  const s: Settings = {
    account: str(ctx, 'account'),
    region: str(ctx, 'region'),
    availabilityZones: [],
    certificateArn: str(ctx, 'certificateArn'),
    releaseBucket: str(ctx, 'releaseBucket'),
    releaseKey: str(ctx, 'releaseKey'),
    bedrockModelId: str(ctx, 'bedrockModelId'),
    dynamoTable: str(ctx, 'dynamoTable', 'tidelens-conversations'),
    turnTimeoutMs: num(ctx, 'turnTimeoutMs', 120_000, 1000),
    instanceType: str(ctx, 'instanceType', 't3.small'),
    minInstances: num(ctx, 'minInstances', 2, 1),
    maxInstances: num(ctx, 'maxInstances', 4, 1),
    loginRequestsPer5Min: num(ctx, 'loginRequestsPer5Min', 100, 10),
    database,
    dbInstanceClass: str(ctx, 'dbInstanceClass', 't4g.medium'),
    dbName: str(ctx, 'dbName', 'tidelens'),
    alarmEmail: ctx('alarmEmail') ? String(ctx('alarmEmail')) : undefined,
    hourlyCostAlarmUsd: num(ctx, 'hourlyCostAlarmUsd', 20, 0),
  };
  const azs = ctx('availabilityZones');
  s.availabilityZones = azs ? String(azs).split(',') : [`${s.region}a`, `${s.region}b`];
  if (database === 'existing') {
    s.existingPrimaryHost = str(ctx, 'existingPrimaryHost');
    s.existingReplicaHost = str(ctx, 'existingReplicaHost');
  }
  if (!/^[A-Za-z0-9_]{1,64}$/.test(s.dbName)) throw new Error('context "dbName" must be letters, digits and _');
  return s;
}

/** Bedrock's inference profiles prefix the model id with a geography (us., eu., apac., global.). */
export function baseModelId(modelId: string): string {
  return modelId.replace(/^(us|eu|apac|us-gov|global)\./, '');
}
