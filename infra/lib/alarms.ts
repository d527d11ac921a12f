// Alarms: the load balancer's view (unhealthy targets, 5xx) and, from the JSON log lines the instances ship
// to CloudWatch Logs, the series /api/metrics also exposes (errors, rate-limit refusals, model cost).
import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export const METRICS_NAMESPACE = 'Tidelens';

/** CloudWatch metrics derived from log lines, named after their /api/metrics counterparts. */
export const LOG_METRICS = {
  tidelens_errors_total: { pattern: '{ $.msg = "turn" && $.level = "warn" }', value: '1' },
  tidelens_rate_limited_total: {
    pattern: '{ ($.msg = "request" && $.status = 429) || ($.msg = "turn" && $.stopReason = "rate_limit") }',
    value: '1',
  },
  tidelens_model_cost_usd_total: { pattern: '{ $.msg = "turn" && $.costUsd > 0 }', value: '$.costUsd' },
} as const;

export interface AlarmsProps {
  alb: elbv2.ApplicationLoadBalancer;
  targets: elbv2.ApplicationTargetGroup;
  logGroup: logs.ILogGroup;
  hourlyCostAlarmUsd: number;
  alarmEmail?: string;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, p: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Tidelens alarms' });
    if (p.alarmEmail) this.topic.addSubscription(new subs.EmailSubscription(p.alarmEmail));
    const fiveMin = Duration.minutes(5);
    this.alarm(
      'UnhealthyHosts',
      p.targets.metrics.unhealthyHostCount({ period: Duration.minutes(1), statistic: 'Maximum' }),
      0,
      3,
      'A target fails GET /api/health (a database does not answer, or the process is down)',
    );
    this.alarm(
      'Target5xx',
      p.targets.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: fiveMin, statistic: 'Sum' }),
      10,
      1,
      'The app answered 5xx more than 10 times in 5 minutes',
    );
    this.alarm(
      'Elb5xx',
      p.alb.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: fiveMin, statistic: 'Sum' }),
      10,
      1,
      'The load balancer answered 5xx (no healthy target, timeouts) more than 10 times in 5 minutes',
    );
    const m = (name: keyof typeof LOG_METRICS, period: Duration) => {
      new logs.MetricFilter(this, `${name}Filter`, {
        logGroup: p.logGroup,
        filterPattern: logs.FilterPattern.literal(LOG_METRICS[name].pattern),
        metricNamespace: METRICS_NAMESPACE,
        metricName: name,
        metricValue: LOG_METRICS[name].value,
      });
      return new cw.Metric({ namespace: METRICS_NAMESPACE, metricName: name, period, statistic: 'Sum' });
    };
    this.alarm('TurnErrors', m('tidelens_errors_total', fiveMin), 5, 1, 'More than 5 chat turns failed in 5 minutes');
    this.alarm(
      'RateLimited',
      m('tidelens_rate_limited_total', fiveMin),
      50,
      1,
      'More than 50 requests refused by a rate limit in 5 minutes (a log-in attack?)',
    );
    this.alarm(
      'ModelCost',
      m('tidelens_model_cost_usd_total', Duration.hours(1)),
      p.hourlyCostAlarmUsd,
      1,
      `Model spend above $${p.hourlyCostAlarmUsd} in an hour`,
    );
  }

  private alarm(id: string, metric: cw.IMetric, threshold: number, periods: number, description: string): void {
    new cw.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    }).addAlarmAction(new actions.SnsAction(this.topic));
  }
}
