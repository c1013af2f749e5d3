import { z } from 'zod';
import { parseCidr } from '../../net/cidr.js';
import { parsePortRange } from '../../net/port-range.js';

const PORT_MESSAGE = 'must be a port number 0-65535';
const SELECTOR_MESSAGE =
  'must be a selector (instance, ENI, IP, CIDR, vpce-…, vpce-svc-…, tag:Key=glob) or a list of them';

/** The intent kinds a file may hold, in the order the documentation lists them. */
export const INTENT_KINDS = ['reachable', 'unreachable', 'only', 'not-exposed'] as const;

/** `reachable`, `unreachable`, `only` or `not-exposed`. */
export type IntentKind = (typeof INTENT_KINDS)[number];

const port = z
  .int({ error: PORT_MESSAGE })
  .min(0, { error: PORT_MESSAGE })
  .max(65535, { error: PORT_MESSAGE });

/** `443` or `"1024-65535"`: the destination ports an exposure intent covers. */
const portRange = z
  .union([z.int(), z.string()], { error: 'must be a port or a range such as 1024-65535' })
  .superRefine((value, ctx) => {
    if (parsePortRange(String(value)) !== undefined) return;
    ctx.addIssue({ code: 'custom', message: 'must be a port or a range such as 1024-65535' });
  });

const selector = z.string({ error: SELECTOR_MESSAGE }).min(1, { error: SELECTOR_MESSAGE });
const selectors = z.union([selector, z.array(selector).min(1)], { error: SELECTOR_MESSAGE });

const cidr = z
  .string({ error: 'must be a CIDR block such as 10.0.0.0/8' })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });
const cidrs = z.array(cidr, { error: 'must be a list of CIDR blocks' }).min(1, {
  error: 'must list at least one CIDR block',
});

const flowProtocol = z.enum(['tcp', 'udp', 'icmp'], { error: 'must be tcp, udp or icmp' });
const exposureProtocol = z.enum(['tcp', 'udp', 'icmp', 'all'], {
  error: 'must be tcp, udp, icmp or all',
});

/** `reachable` and `unreachable`: one flow between named sources and destinations. */
const flowIntent = z
  .strictObject({
    from: selectors,
    to: selectors,
    port: port.optional(),
    protocol: flowProtocol.default('tcp'),
  })
  .superRefine((value, ctx) => {
    if (value.protocol !== 'icmp' && value.port === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['port'],
        message: `is required for ${value.protocol}`,
        input: undefined,
      });
    }
  });

const exposureFields = {
  to: selectors,
  port: port.optional(),
  ports: portRange.optional(),
  protocol: exposureProtocol.default('all'),
};

function onePortField(value: { port?: number; ports?: unknown }, ctx: z.RefinementCtx): void {
  if (value.port === undefined || value.ports === undefined) return;
  ctx.addIssue({
    code: 'custom',
    path: ['ports'],
    message: 'cannot be given together with port: use one of them',
    input: value.ports,
  });
}

const onlyIntent = z.strictObject({ ...exposureFields, sources: cidrs }).superRefine(onePortField);
const notExposedIntent = z
  .strictObject({ ...exposureFields, outside: cidrs })
  .superRefine(onePortField);

const intentEntry = z
  .strictObject({
    name: z.string({ error: 'must be a name for the intent' }).min(1, {
      error: 'must be a name for the intent',
    }),
    reachable: flowIntent.optional(),
    unreachable: flowIntent.optional(),
    only: onlyIntent.optional(),
    'not-exposed': notExposedIntent.optional(),
  })
  .superRefine((value, ctx) => {
    const kinds = INTENT_KINDS.filter((kind) => value[kind] !== undefined);
    if (kinds.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? `names no intent kind: give one of ${INTENT_KINDS.join(', ')}`
          : `names ${kinds.join(' and ')}: give exactly one kind per intent`,
    });
  });

/** Names identify intents in JUnit test cases and SARIF fingerprints, so they must differ. */
function uniqueNames(intents: readonly { name: string }[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  intents.forEach((intent, index) => {
    const first = seen.get(intent.name);
    if (first === undefined) {
      seen.set(intent.name, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [index, 'name'],
      message: `repeats the name of intents[${first}]: give each intent its own name`,
      input: intent.name,
    });
  });
}

/** The whole intents file: a list of named intents, each of exactly one kind. */
export const intentsFileSchema = z.strictObject(
  {
    version: z.literal(1, { error: 'must be 1' }).optional(),
    intents: z
      .array(intentEntry, { error: 'must be a list of intents' })
      .min(1, { error: 'must list at least one intent' })
      .superRefine(uniqueNames),
  },
  { error: 'must be a mapping with an `intents` list' },
);

/** The intents file as the schema checked it, before locations are attached. */
export type IntentsFileData = z.infer<typeof intentsFileSchema>;
/** One entry of `intents`, exactly one kind set. */
export type IntentEntryData = IntentsFileData['intents'][number];
/** The body of a `reachable` or `unreachable` entry. */
export type FlowIntentData = z.infer<typeof flowIntent>;
/** The body of an `only` entry. */
export type OnlyIntentData = z.infer<typeof onlyIntent>;
/** The body of a `not-exposed` entry. */
export type NotExposedIntentData = z.infer<typeof notExposedIntent>;
