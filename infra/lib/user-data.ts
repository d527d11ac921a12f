// Boot script for Amazon Linux 2023: unpack the release, write the settings, and run `tidelens serve` under
// systemd. The release carries its own Node binary (Dockerfile, stage `artifact`), so the AMI needs none.
// Database passwords are fetched from Secrets Manager on each service start, never baked into user data.
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { appDbUrl, type DbHosts, serverEnv } from './server-env.ts';
import type { Settings } from './settings.ts';

export const LOG_FILE = '/var/log/tidelens/app.log';
const APP_DIR = '/opt/tidelens/app';
const NODE = `${APP_DIR}/runtime/node`;

export interface UserDataInput {
  settings: Settings;
  hosts: DbHosts;
  roSecretArn: string;
  appSecretArn: string;
  logGroupName: string;
}

function heredoc(path: string, body: string, mode: string): string[] {
  return [`cat > ${path} <<'TIDELENS_EOF'`, body, 'TIDELENS_EOF', `chmod ${mode} ${path}`];
}

function fetchSecretsScript(i: UserDataInput): string {
  const password = (arn: string) =>
    `$(aws secretsmanager get-secret-value --region ${i.settings.region} --secret-id ${arn} ` +
    `--query SecretString --output text | ${NODE} -e 'let s="";process.stdin.on("data",(d)=>s+=d)` +
    `.on("end",()=>process.stdout.write(JSON.parse(s).password))')`;
  return [
    '#!/bin/bash',
    'set -euo pipefail',
    'umask 077',
    'mkdir -p /run/tidelens',
    `ro=${password(i.roSecretArn)}`,
    `app=${password(i.appSecretArn)}`,
    `printf 'RDS_PASSWORD=%s\\nTIDELENS_APP_DB=%s\\n' "$ro" "${appDbUrl('$app', i.hosts, i.settings.dbName)}" \\`,
    '  > /run/tidelens/secrets.env',
  ].join('\n');
}

export const SYSTEMD_UNIT = [
  '[Unit]',
  'Description=Tidelens (tidelens serve)',
  'After=network-online.target',
  'Wants=network-online.target',
  '',
  '[Service]',
  'User=tidelens',
  `WorkingDirectory=${APP_DIR}`,
  'EnvironmentFile=/etc/tidelens/tidelens.env',
  // `+`: the secrets step runs as root so the file stays unreadable to the service user's other processes.
  'ExecStartPre=+/opt/tidelens/bin/fetch-secrets',
  'EnvironmentFile=-/run/tidelens/secrets.env',
  `ExecStart=${NODE} bin/tidelens.js serve`,
  'Restart=always',
  'RestartSec=5',
  `StandardOutput=append:${LOG_FILE}`,
  `StandardError=append:${LOG_FILE}`,
  'NoNewPrivileges=true',
  'ProtectSystem=strict',
  `ReadWritePaths=${APP_DIR}/data /var/log/tidelens`,
  'PrivateTmp=true',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
].join('\n');

/** `sudo tidelens users add ...` on an instance: the CLI with the service's settings and secrets. */
const CLI_WRAPPER = [
  '#!/bin/bash',
  'set -euo pipefail',
  '/opt/tidelens/bin/fetch-secrets',
  'set -a; . /etc/tidelens/tidelens.env; . /run/tidelens/secrets.env; set +a',
  `cd ${APP_DIR} && exec ${NODE} bin/tidelens.js "$@"`,
].join('\n');

function agentConfig(logGroupName: string): string {
  const files = [{ file_path: LOG_FILE, log_group_name: logGroupName, log_stream_name: '{instance_id}' }];
  return JSON.stringify({ logs: { logs_collected: { files: { collect_list: files } } } });
}

export function userData(i: UserDataInput): ec2.UserData {
  const ud = ec2.UserData.forLinux();
  const env = Object.entries(serverEnv(i.settings, i.hosts))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  ud.addCommands(
    'set -euo pipefail',
    'dnf install -y amazon-cloudwatch-agent',
    'id tidelens >/dev/null 2>&1 || useradd --system --home-dir /opt/tidelens --shell /sbin/nologin tidelens',
    'mkdir -p /opt/tidelens/bin /etc/tidelens /var/log/tidelens',
    `aws s3 cp --region ${i.settings.region} s3://${i.settings.releaseBucket}/${i.settings.releaseKey} /tmp/release.tgz`,
    `rm -rf ${APP_DIR} && tar -xzf /tmp/release.tgz -C /opt/tidelens && rm /tmp/release.tgz`,
    `mkdir -p ${APP_DIR}/data && chown tidelens ${APP_DIR}/data /var/log/tidelens`,
    ...heredoc('/etc/tidelens/tidelens.env', env, '644'),
    ...heredoc('/opt/tidelens/bin/fetch-secrets', fetchSecretsScript(i), '700'),
    ...heredoc('/usr/local/bin/tidelens', CLI_WRAPPER, '700'),
    ...heredoc('/etc/systemd/system/tidelens.service', SYSTEMD_UNIT, '644'),
    ...heredoc('/opt/tidelens/cloudwatch-agent.json', agentConfig(i.logGroupName), '644'),
    'amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/tidelens/cloudwatch-agent.json',
    'systemctl daemon-reload',
    'systemctl enable --now tidelens',
  );
  return ud;
}
