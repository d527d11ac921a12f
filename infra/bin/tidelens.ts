// `npx cdk synth|deploy|destroy` runs this (cdk.json). Parameters come from context; see docs/deploy.md.
import { App } from 'aws-cdk-lib';
import { readSettings } from '../lib/settings.ts';
import { TidelensStack } from '../lib/stack.ts';

const app = new App();
new TidelensStack(
  app,
  app.node.tryGetContext('stackName') ?? 'Tidelens',
  readSettings((k) => app.node.tryGetContext(k)),
);
