// The warehouse: a new RDS MySQL primary with a read replica, or existing hosts given by context. Either way
// the two accounts the app uses get Secrets Manager entries here; their passwords are set in MySQL by the
// operator (docs/deploy.md, "Create the database accounts").
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { APP_ACCOUNT, type DbHosts, RO_ACCOUNT } from './server-env.ts';
import type { Settings } from './settings.ts';

export interface DatabaseProps {
  settings: Settings;
  vpc: ec2.IVpc;
  /** The instances' security group: the only one let in on 3306. */
  clients: ec2.ISecurityGroup;
}

function accountSecret(scope: Construct, id: string, username: string): secrets.Secret {
  return new secrets.Secret(scope, id, {
    description: `Tidelens MySQL account ${username}`,
    // No punctuation: the password goes into a mysql:// URL and a systemd environment file unescaped.
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username }),
      generateStringKey: 'password',
      excludePunctuation: true,
      passwordLength: 32,
    },
  });
}

export class Database extends Construct {
  readonly hosts: DbHosts;
  readonly roSecret: secrets.Secret;
  readonly appSecret: secrets.Secret;
  readonly primary?: rds.DatabaseInstance;
  readonly replica?: rds.DatabaseInstanceReadReplica;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { settings: s, vpc, clients } = props;
    this.roSecret = accountSecret(this, 'ReadOnlyAccount', RO_ACCOUNT);
    this.appSecret = accountSecret(this, 'AppAccount', APP_ACCOUNT);
    if (s.database === 'existing') {
      this.hosts = { primary: s.existingPrimaryHost!, replica: s.existingReplicaHost! };
      return;
    }
    const sg = new ec2.SecurityGroup(this, 'DbSg', { vpc, description: 'Tidelens MySQL: the app instances only' });
    sg.addIngressRule(clients, ec2.Port.tcp(3306), 'tidelens instances');
    const common = {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [sg],
      instanceType: new ec2.InstanceType(s.dbInstanceClass),
      storageEncrypted: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    };
    const parameterGroup = new rds.ParameterGroup(this, 'Params', {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_5 }),
      // Every connection uses TLS (the app's URLs say ssl=true; RDS hosts turn it on anyway).
      parameters: { require_secure_transport: '1' },
    });
    this.primary = new rds.DatabaseInstance(this, 'Primary', {
      ...common,
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_5 }),
      parameterGroup,
      databaseName: s.dbName,
      credentials: rds.Credentials.fromGeneratedSecret('admin'),
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      multiAz: true,
      backupRetention: Duration.days(7),
    });
    this.replica = new rds.DatabaseInstanceReadReplica(this, 'Replica', {
      ...common,
      sourceDatabaseInstance: this.primary,
      parameterGroup,
      // A replica holds no data of its own: no final snapshot (RDS refuses one) and no deletion protection.
      deletionProtection: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.hosts = { primary: this.primary.dbInstanceEndpointAddress, replica: this.replica.dbInstanceEndpointAddress };
  }
}
