// AWS WAF in front of the ALB: the app's log-in throttle counts per instance, so with N instances an attacker
// gets N times the guesses; a rate-based rule on /api/auth/login caps them across the fleet.
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export const LOGIN_PATH = '/api/auth/login';

export function loginRateLimitAcl(scope: Construct, id: string, p: { albArn: string; limit: number }): wafv2.CfnWebACL {
  const visibility = (name: string) => ({
    cloudWatchMetricsEnabled: true,
    metricName: name,
    sampledRequestsEnabled: true,
  });
  const acl = new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('tidelens-web-acl'),
    rules: [
      {
        name: 'login-rate-limit',
        priority: 0,
        action: { block: {} },
        visibilityConfig: visibility('tidelens-login-rate-limit'),
        statement: {
          rateBasedStatement: {
            limit: p.limit,
            evaluationWindowSec: 300,
            aggregateKeyType: 'IP',
            scopeDownStatement: {
              byteMatchStatement: {
                fieldToMatch: { uriPath: {} },
                positionalConstraint: 'EXACTLY',
                searchString: LOGIN_PATH,
                textTransformations: [{ priority: 0, type: 'NONE' }],
              },
            },
          },
        },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, `${id}Association`, { resourceArn: p.albArn, webAclArn: acl.attrArn });
  return acl;
}
