// The environment `tidelens serve` gets on an instance. Every name here is one the server reads (its zod
// schemas in src/agent/config.ts, src/server/http-config.ts and src/db/url.ts); infra/test pins that.
import type { Settings } from './settings.ts';

export const APP_PORT = 3000;
export const HEALTH_PATH = '/api/health';
export const RO_ACCOUNT = 'tidelens_ro';
export const APP_ACCOUNT = 'tidelens_app';

export interface DbHosts {
  primary: string;
  replica: string;
}

/** Plain settings, written to /etc/tidelens/tidelens.env. Passwords never appear here (see SECRET_ENV). */
export function serverEnv(s: Settings, hosts: DbHosts): Record<string, string> {
  return {
    PORT: String(APP_PORT),
    // Behind the ALB: listen on every interface, read the client address and scheme from X-Forwarded-*.
    HOST: '0.0.0.0',
    TIDELENS_TRUST_PROXY: 'true',
    TIDELENS_COOKIE_SECURE: 'auto',
    TIDELENS_PROVIDER: 'bedrock',
    BEDROCK_MODEL_ID: s.bedrockModelId,
    AWS_REGION: s.region,
    TIDELENS_STORE: 'dynamo',
    DYNAMO_TABLE: s.dynamoTable,
    TIDELENS_TURN_TIMEOUT_MS: String(s.turnTimeoutMs),
    // The assistant reads the replica through its column-granted read-only account.
    RDS_ENDPOINT: hosts.replica,
    RDS_PORT: '3306',
    RDS_USER: RO_ACCOUNT,
    RDS_DB_NAME: s.dbName,
  };
}

/** Written at each service start from Secrets Manager to /run/tidelens/secrets.env (root-only, tmpfs). */
export const SECRET_ENV = ['RDS_PASSWORD', 'TIDELENS_APP_DB'] as const;

/** The login database: the app account on the primary, with TLS. */
export function appDbUrl(password: string, hosts: DbHosts, dbName: string): string {
  return `mysql://${APP_ACCOUNT}:${password}@${hosts.primary}:3306/${dbName}?ssl=true`;
}
