import { Readable } from 'node:stream';

/** What the fake endpoint answers to one request: a status and an XML body. */
export interface FakeHttpAnswer {
  status: number;
  body: string;
}

/** One request as the fake endpoint saw it. */
export interface FakeHttpCall {
  action: string;
  params: URLSearchParams;
  /** The access key ID the request was signed with (from its Authorization header). */
  accessKeyId: string | undefined;
}

/** Decides the answer from the query-protocol Action, its parameters and the signing key. */
export type FakeHttpScript = (
  action: string,
  params: URLSearchParams,
  call: FakeHttpCall,
) => FakeHttpAnswer | undefined;

interface FakeHttpRequest {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A request handler for SDK clients that never opens a socket: it answers the EC2, ELBv2 and STS
 * query protocols from a script, so the SDK's whole middleware stack (signing, retries,
 * deserialisation) runs as against AWS. Unscripted actions get an empty successful response.
 */
export function createFakeHttpHandler(script: FakeHttpScript) {
  const seen: FakeHttpCall[] = [];
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: FakeHttpRequest) {
      const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const action = params.get('Action') ?? '';
      const authorization = request.headers?.authorization ?? '';
      const accessKeyId = /Credential=([^/]+)\//.exec(authorization)?.[1];
      const call = { action, params, accessKeyId };
      seen.push(call);
      const answer = script(action, params, call) ?? { status: 200, body: emptyResponse(action) };
      return {
        response: {
          statusCode: answer.status,
          reason: undefined,
          headers: { 'content-type': 'text/xml' },
          body: Readable.from([Buffer.from(answer.body, 'utf8')]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
  return { handler, seen };
}

/** An EC2-protocol success body with no items, or an awsQuery one for ELBv2 and STS. */
export function emptyResponse(action: string): string {
  return `<${action}Response><${action}Result></${action}Result><requestId>r</requestId></${action}Response>`;
}

/** An EC2-protocol error (`<Response><Errors>`), as EC2 sends for RequestLimitExceeded. */
export function ec2Error(status: number, code: string, message: string): FakeHttpAnswer {
  const body = `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r</RequestID></Response>`;
  return { status, body };
}

/** An awsQuery error (`<ErrorResponse>`), as Elastic Load Balancing and STS send. */
export function queryError(status: number, code: string, message: string): FakeHttpAnswer {
  const body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  return { status, body };
}
