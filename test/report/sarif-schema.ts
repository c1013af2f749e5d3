import { z } from 'zod';

// A trimmed copy of the official SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json, OASIS):
// the objects vpcreach writes, each with its required members, the enumerations, numeric
// bounds, GUID patterns and formats (`uri` absolute, `uri-reference` relative allowed) that
// schema gives them, and `additionalProperties: false` as strict objects. Members of those objects that vpcreach never writes are listed only where the
// schema defines them on the same object, so that a misspelt member is still an error. Objects
// vpcreach never writes (invocations, code flows, fixes, taxonomies…) are left out entirely.

const uriReference = z.string().refine((text) => {
  if (/[\s\\]/.test(text)) return false;
  try {
    new URL(text, 'file:///root/');
    return true;
  } catch {
    return false;
  }
}, 'is not a URI reference');

/** `format: uri`: an absolute URI. */
const absoluteUri = z.string().refine((text) => {
  try {
    return new URL(text).protocol !== '';
  } catch {
    return false;
  }
}, 'is not an absolute URI');

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/,
  );

const propertyBag = z.looseObject({ tags: z.array(z.string()).optional() });

const multiformatMessageString = z.strictObject({
  text: z.string(),
  markdown: z.string().optional(),
  properties: propertyBag.optional(),
});

const message = z
  .strictObject({
    text: z.string().optional(),
    markdown: z.string().optional(),
    id: z.string().optional(),
    arguments: z.array(z.string()).optional(),
    properties: propertyBag.optional(),
  })
  .refine((m) => m.text !== undefined || m.id !== undefined, 'message needs text or id');

const level = z.enum(['none', 'note', 'warning', 'error']);

const reportingConfiguration = z.strictObject({
  enabled: z.boolean().optional(),
  level: level.optional(),
  rank: z.number().min(-1).max(100).optional(),
  parameters: propertyBag.optional(),
  properties: propertyBag.optional(),
});

const reportingDescriptor = z.strictObject({
  id: z.string(),
  deprecatedIds: z.array(z.string()).optional(),
  guid: guid.optional(),
  name: z.string().optional(),
  shortDescription: multiformatMessageString.optional(),
  fullDescription: multiformatMessageString.optional(),
  messageStrings: z.record(z.string(), multiformatMessageString).optional(),
  defaultConfiguration: reportingConfiguration.optional(),
  helpUri: absoluteUri.optional(),
  help: multiformatMessageString.optional(),
  properties: propertyBag.optional(),
});

const toolComponent = z.strictObject({
  guid: guid.optional(),
  name: z.string(),
  organization: z.string().optional(),
  product: z.string().optional(),
  fullName: z.string().optional(),
  version: z.string().optional(),
  semanticVersion: z.string().optional(),
  informationUri: absoluteUri.optional(),
  downloadUri: absoluteUri.optional(),
  rules: z.array(reportingDescriptor).optional(),
  properties: propertyBag.optional(),
});

const region = z.strictObject({
  startLine: z.int().min(1).optional(),
  startColumn: z.int().min(1).optional(),
  endLine: z.int().min(1).optional(),
  endColumn: z.int().min(1).optional(),
  charOffset: z.int().min(-1).optional(),
  charLength: z.int().min(0).optional(),
  byteOffset: z.int().min(-1).optional(),
  byteLength: z.int().min(0).optional(),
  message: message.optional(),
  properties: propertyBag.optional(),
});

const artifactLocation = z.strictObject({
  uri: uriReference.optional(),
  uriBaseId: z.string().optional(),
  index: z.int().min(-1).optional(),
  description: message.optional(),
  properties: propertyBag.optional(),
});

const physicalLocation = z
  .strictObject({
    address: z.looseObject({}).optional(),
    artifactLocation: artifactLocation.optional(),
    region: region.optional(),
    contextRegion: region.optional(),
    properties: propertyBag.optional(),
  })
  .refine(
    (p) => p.address !== undefined || p.artifactLocation !== undefined,
    'needs address or artifactLocation',
  );

const logicalLocation = z.strictObject({
  name: z.string().optional(),
  index: z.int().min(-1).optional(),
  fullyQualifiedName: z.string().optional(),
  decoratedName: z.string().optional(),
  parentIndex: z.int().min(-1).optional(),
  kind: z.string().optional(),
  properties: propertyBag.optional(),
});

const location = z.strictObject({
  id: z.int().min(-1).optional(),
  physicalLocation: physicalLocation.optional(),
  logicalLocations: z.array(logicalLocation).optional(),
  message: message.optional(),
  properties: propertyBag.optional(),
});

const result = z.strictObject({
  ruleId: z.string().optional(),
  ruleIndex: z.int().min(-1).optional(),
  kind: z.enum(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']).optional(),
  level: level.optional(),
  message,
  locations: z.array(location).optional(),
  guid: guid.optional(),
  correlationGuid: guid.optional(),
  occurrenceCount: z.int().min(1).optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  fingerprints: z.record(z.string(), z.string()).optional(),
  relatedLocations: z.array(location).optional(),
  baselineState: z.enum(['new', 'unchanged', 'updated', 'absent']).optional(),
  rank: z.number().min(-1).max(100).optional(),
  hostedViewerUri: absoluteUri.optional(),
  properties: propertyBag.optional(),
});

const run = z.strictObject({
  tool: z.strictObject({
    driver: toolComponent,
    extensions: z.array(toolComponent).optional(),
    properties: propertyBag.optional(),
  }),
  results: z.array(result).nullable().optional(),
  columnKind: z.enum(['utf16CodeUnits', 'unicodeCodePoints']).optional(),
  defaultEncoding: z.string().optional(),
  defaultSourceLanguage: z.string().optional(),
  baselineGuid: guid.optional(),
  properties: propertyBag.optional(),
});

/** sarifLog: `version` 2.1.0 and `runs` required, nothing else but `$schema` and properties. */
export const sarifLogSchema = z.strictObject({
  $schema: absoluteUri.optional(),
  version: z.literal('2.1.0'),
  runs: z.array(run).nullable(),
  properties: propertyBag.optional(),
});

/**
 * Constraints the JSON schema cannot state but the SARIF 2.1.0 text does: rule IDs are unique
 * within a tool component (§3.49.3), and a result's `ruleIndex` points at the rule its `ruleId`
 * names (§3.27.6). GitHub code scanning also needs a physical location on every result.
 */
export function sarifConsistencyProblems(log: z.infer<typeof sarifLogSchema>): string[] {
  const problems: string[] = [];
  for (const [r, run] of (log.runs ?? []).entries()) {
    const rules = run.tool.driver.rules ?? [];
    const ids = rules.map((rule) => rule.id);
    if (new Set(ids).size !== ids.length) problems.push(`runs[${r}]: rule ids repeat`);
    for (const [i, item] of (run.results ?? []).entries()) {
      const where = `runs[${r}].results[${i}]`;
      const rule = item.ruleIndex === undefined ? undefined : rules[item.ruleIndex];
      if (item.ruleIndex !== undefined && rule === undefined)
        problems.push(`${where}: ruleIndex out of range`);
      if (rule !== undefined && item.ruleId !== undefined && rule.id !== item.ruleId)
        problems.push(`${where}: ruleIndex names ${rule.id}, ruleId ${item.ruleId}`);
      if (!(item.locations ?? []).some((l) => l.physicalLocation !== undefined))
        problems.push(`${where}: no physical location`);
    }
  }
  return problems;
}
