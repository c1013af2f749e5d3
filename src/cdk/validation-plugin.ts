import { readFileSync } from 'node:fs';
import { checkIntents, parseIntents } from '../analysis/check/check.js';
import type { IntentResult } from '../analysis/check/check-result.js';
import { loadSnapshots } from '../ingest/load.js';
import { buildNetwork } from '../network/build.js';

/**
 * What aws-cdk-lib hands a policy-validation plugin at synth time. Declared here rather than
 * imported, so that loading the plugin never loads aws-cdk-lib: older releases pass
 * `templatePaths`, newer ones `stackTemplates`.
 */
export interface PolicyValidationContext {
  readonly templatePaths?: readonly string[];
  readonly stackTemplates?: readonly { readonly templatePath: string }[];
}

/** The report shape aws-cdk-lib expects back (`PolicyValidationPluginReportBeta1`). */
export interface PolicyValidationReport {
  readonly success: boolean;
  readonly violations: readonly {
    readonly ruleName: string;
    readonly description: string;
    readonly fix?: string;
    readonly severity?: string;
    readonly violatingResources: readonly {
      readonly resourceLogicalId: string;
      readonly templatePath: string;
      readonly locations: readonly string[];
    }[];
  }[];
  readonly pluginVersion?: string;
}

export interface VpcreachPluginOptions {
  /** The intents file (YAML or JSON) `vpcreach check` takes. */
  readonly intents: string;
  /** Zone name → zone ID, since synthesized templates name zones only. */
  readonly availabilityZoneIds?: Readonly<Record<string, string>>;
}

/**
 * A CDK policy-validation plugin: at `cdk synth`, loads every stack template of the app as one
 * network and checks the intents file against it; a failing intent fails the synth. Register it
 * with `Validations.of(app).addPlugins(new VpcreachValidationPlugin({ intents: 'intents.yaml' }))`
 * (or `new App({ policyValidationBeta1: [...] })` on older aws-cdk-lib).
 */
export class VpcreachValidationPlugin {
  readonly name = 'vpcreach';
  readonly version = '0.1.0';
  readonly ruleIds: string[];
  readonly #options: VpcreachPluginOptions;

  constructor(options: VpcreachPluginOptions) {
    this.#options = options;
    this.ruleIds = parseIntents(readFileSync(options.intents, 'utf8'), options.intents).map(
      (intent) => intent.name,
    );
  }

  validate(context: PolicyValidationContext): PolicyValidationReport {
    const templates =
      context.stackTemplates?.map((stack) => stack.templatePath) ?? context.templatePaths ?? [];
    const zones = this.#options.availabilityZoneIds;
    const network = buildNetwork(
      loadSnapshots(templates, zones === undefined ? {} : { availabilityZoneIds: zones }),
    );
    const intents = parseIntents(
      readFileSync(this.#options.intents, 'utf8'),
      this.#options.intents,
    );
    const result = checkIntents(network, intents, { file: this.#options.intents });
    const failed = result.results.filter((intent) => intent.status === 'fail');
    return {
      success: failed.length === 0,
      violations: failed.map((intent) => violation(intent, templates)),
      pluginVersion: this.version,
    };
  }
}

function violation(intent: IntentResult, templates: readonly string[]) {
  const resources =
    intent.pairs.length > 0
      ? intent.pairs.map((pair) => logicalIdOf(pair.to))
      : [logicalIdOf(intent.name)];
  return {
    ruleName: intent.name,
    description: intent.message,
    fix: 'run `vpcreach trace` or `vpcreach fix` on the synthesized templates to see the hop that decides and the change it needs',
    severity: 'error',
    violatingResources: [...new Set(resources)].map((resourceLogicalId) => ({
      resourceLogicalId,
      templatePath: templates[0] ?? '',
      locations: [`${intent.location.file}:${intent.location.line}`],
    })),
  };
}

/** Placeholder IDs of template resources end in `<stack>.<logicalId>`; keep the logical ID. */
function logicalIdOf(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot >= 0 ? id.slice(dot + 1) : id;
}
