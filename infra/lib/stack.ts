// Tidelens on AWS, as docs/server.md ("Production on AWS") draws it: ALB (HTTPS, WAF) → EC2 Auto Scaling group
// running `tidelens serve` → RDS MySQL primary + read replica, DynamoDB, Bedrock.
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { appPolicyStatements } from './app-policy.ts';
import { Database } from './database.ts';
import { APP_PORT, HEALTH_PATH } from './server-env.ts';
import { baseModelId, type Settings } from './settings.ts';
import { userData } from './user-data.ts';
import { loginRateLimitAcl } from './waf.ts';

/** The conversation store's table, as src/server/store/dynamo.ts writes it. */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk', ttl: 'expiresAt' } as const;

/** Seconds the ALB keeps a quiet connection: above the longest turn, so a slow answer is never cut. */
export function idleTimeoutSeconds(turnTimeoutMs: number): number {
  return Math.ceil(turnTimeoutMs / 1000) + 30;
}

export class TidelensStack extends Stack {
  private zones: string[] = [];

  constructor(scope: Construct, id: string, s: Settings, props: StackProps = {}) {
    super(scope, id, { ...props, env: { account: s.account, region: s.region } });
    this.zones = s.availabilityZones;
    Annotations.of(this).acknowledgeWarning(
      'CloudFormation-Validate::W3010',
      'zones come from context: synth needs no lookup',
    );
    const vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: s.availabilityZones,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc, description: 'Tidelens ALB: HTTPS from anywhere' });
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc, description: 'Tidelens instances: the ALB only' });
    appSg.addIngressRule(albSg, ec2.Port.tcp(APP_PORT), 'from the ALB');

    new dynamodb.Table(this, 'Conversations', {
      tableName: s.dynamoTable,
      partitionKey: { name: TABLE_KEYS.partition, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sort, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE_KEYS.ttl,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const db = new Database(this, 'Db', { settings: s, vpc, clients: appSg });
    const logGroup = new logs.LogGroup(this, 'AppLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const role = this.instanceRole(s, db, logGroup);
    const launchTemplate = new ec2.LaunchTemplate(this, 'AppTemplate', {
      instanceType: new ec2.InstanceType(s.instanceType),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: appSg,
      role,
      requireImdsv2: true,
      userData: userData({
        settings: s,
        hosts: db.hosts,
        roSecretArn: db.roSecret.secretArn,
        appSecretArn: db.appSecret.secretArn,
        logGroupName: logGroup.logGroupName,
      }),
    });
    const asg = new autoscaling.AutoScalingGroup(this, 'App', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplate,
      minCapacity: s.minInstances,
      maxCapacity: s.maxInstances,
      // A new release (releaseKey) changes the launch template; instances are replaced one at a time.
      updatePolicy: autoscaling.UpdatePolicy.rollingUpdate({
        maxBatchSize: 1,
        minInstancesInService: s.minInstances - 1,
      }),
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.minutes(5),
      }),
    });
    asg.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });

    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: true,
      securityGroup: albSg,
      idleTimeout: Duration.seconds(idleTimeoutSeconds(s.turnTimeoutMs)),
      dropInvalidHeaderFields: true,
    });
    const listener = alb.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(s.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    const targets = listener.addTargets('App', {
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [asg],
      deregistrationDelay: Duration.seconds(idleTimeoutSeconds(s.turnTimeoutMs)),
      healthCheck: {
        path: HEALTH_PATH,
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
      },
    });
    alb.addRedirect(); // port 80 answers with a redirect to HTTPS, nothing else
    loginRateLimitAcl(this, 'Waf', { albArn: alb.loadBalancerArn, limit: s.loginRequestsPer5Min });
    this.outputs({ alb, asg, db, logGroup });
    new Alarms(this, 'Alarms', {
      alb,
      targets,
      logGroup,
      hourlyCostAlarmUsd: s.hourlyCostAlarmUsd,
      alarmEmail: s.alarmEmail,
    });
  }

  /** What docs/deploy.md's later steps need: where to point DNS, which hosts and secrets to use. */
  private outputs(o: {
    alb: elbv2.ApplicationLoadBalancer;
    asg: autoscaling.AutoScalingGroup;
    db: Database;
    logGroup: logs.LogGroup;
  }) {
    const out = (id: string, value: string) => new CfnOutput(this, id, { value });
    out('LoadBalancerDns', o.alb.loadBalancerDnsName);
    out('AutoScalingGroupName', o.asg.autoScalingGroupName);
    out('PrimaryHost', o.db.hosts.primary);
    out('ReplicaHost', o.db.hosts.replica);
    out('ReadOnlyAccountSecret', o.db.roSecret.secretArn);
    out('AppAccountSecret', o.db.appSecret.secretArn);
    if (o.db.primary?.secret) out('MasterSecret', o.db.primary.secret.secretArn);
    out('LogGroup', o.logGroup.logGroupName);
  }

  /** Named zones instead of a lookup: synth runs offline, without credentials. */
  override get availabilityZones(): string[] {
    return this.zones;
  }

  /** The app's own policy is iam/policy.json; the boot policy only reads the release and the two passwords. */
  private instanceRole(s: Settings, db: Database, logGroup: logs.LogGroup): iam.Role {
    const role = new iam.Role(this, 'InstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const values = {
      REGION: s.region,
      ACCOUNT_ID: s.account,
      BEDROCK_MODEL_ID: s.bedrockModelId,
      BASE_MODEL_ID: baseModelId(s.bedrockModelId),
      // The literal name, not a token: the filled-in policy then equals iam/policy.json word for word.
      DYNAMO_TABLE: s.dynamoTable,
    };
    new iam.Policy(this, 'AppPolicy', {
      policyName: 'tidelens-app',
      roles: [role],
      statements: appPolicyStatements(values),
    });
    new iam.Policy(this, 'BootPolicy', {
      policyName: 'tidelens-boot',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [`arn:${this.partition}:s3:::${s.releaseBucket}/${s.releaseKey}`],
        }),
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [db.roSecret.secretArn, db.appSecret.secretArn],
        }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`],
        }),
      ],
    });
    // Session Manager instead of SSH: the operator's way in for seeding and `tidelens users add`.
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'));
    return role;
  }
}
