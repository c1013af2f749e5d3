import type { Location, Log, ReportingDescriptor, Result } from 'sarif';

/** The JSON schema of SARIF 2.1.0 (OASIS), as `$schema` names it. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF's result levels that vpcreach uses (`none` is never reported). */
export type SarifLevel = 'error' | 'warning' | 'note';

/** One kind of finding a command reports: a check's intent kind, an audit rule. */
export interface SarifRule {
  /** Stable and opaque: code-scanning tools key alerts on it. */
  readonly id: string;
  /** PascalCase name, as SARIF suggests. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription?: string;
  readonly helpUri?: string;
  readonly help?: string;
  readonly level: SarifLevel;
}

/** Where a finding is: a line of a file, an AWS resource, or both. */
export interface SarifPlace {
  /** A path relative to the repository root, written with `/`. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** An AWS resource ID or ARN, reported as a logical location. */
  readonly resource?: string;
}

/** One finding, in the terms of the command that made it. */
export interface SarifFinding {
  readonly ruleId: string;
  /** @default the rule's level */
  readonly level?: SarifLevel;
  readonly message: string;
  readonly places: readonly SarifPlace[];
  /** Stays the same across runs for the same finding, so alerts are not duplicated. */
  readonly fingerprint?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** The tool that made the log, as the run's driver names it. */
export interface SarifToolOptions {
  /** @default 'vpcreach' */
  readonly name?: string;
  readonly version: string;
  readonly informationUri?: string;
}

/**
 * A SARIF 2.1.0 log with one run: the rules as the driver's `rules`, each finding a `result`
 * pointing at its rule by `ruleId` and `ruleIndex`. `check`, `audit` and `diff` all report
 * through this; each only maps its own findings and rules.
 */
export function toSarifLog(
  findings: readonly SarifFinding[],
  rules: readonly SarifRule[],
  tool: SarifToolOptions,
): Log {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name ?? 'vpcreach',
            version: tool.version,
            ...(tool.informationUri === undefined ? {} : { informationUri: tool.informationUri }),
            rules: rules.map(toDescriptor),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: findings.map((finding) => toResult(finding, rules, index)),
      },
    ],
  };
}

function toDescriptor(rule: SarifRule): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    ...(rule.fullDescription === undefined
      ? {}
      : { fullDescription: { text: rule.fullDescription } }),
    ...(rule.helpUri === undefined ? {} : { helpUri: rule.helpUri }),
    ...(rule.help === undefined ? {} : { help: { text: rule.help } }),
    defaultConfiguration: { level: rule.level },
  };
}

function toResult(
  finding: SarifFinding,
  rules: readonly SarifRule[],
  index: ReadonlyMap<string, number>,
): Result {
  const ruleIndex = index.get(finding.ruleId);
  if (ruleIndex === undefined)
    throw new Error(`SARIF finding names unknown rule ${finding.ruleId}`);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level ?? rules[ruleIndex]!.level,
    message: { text: finding.message },
    locations: finding.places.map(toLocation),
    ...(finding.fingerprint === undefined
      ? {}
      : { partialFingerprints: { 'vpcreach/v1': finding.fingerprint } }),
    ...(finding.properties === undefined ? {} : { properties: { ...finding.properties } }),
  };
}

function toLocation(place: SarifPlace): Location {
  const region =
    place.line === undefined
      ? undefined
      : {
          startLine: place.line,
          ...(place.column === undefined ? {} : { startColumn: place.column }),
        };
  return {
    ...(place.file === undefined
      ? {}
      : {
          physicalLocation: {
            artifactLocation: { uri: fileUri(place.file) },
            ...(region === undefined ? {} : { region }),
          },
        }),
    ...(place.resource === undefined
      ? {}
      : { logicalLocations: [{ fullyQualifiedName: place.resource, kind: 'resource' }] }),
  };
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
export function fileUri(path: string): string {
  return path
    .replaceAll('\\', '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
