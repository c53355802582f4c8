/**
 * Shared by the example handlers: reading a message payload as a JSON object, and a Lambda `Context`
 * for running the handlers on this machine the way the Node.js runtime calls them:
 * `handler(event, context, callback)`, the deadline counting down from `timeoutMs`.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Context like the runtime's for function `name` with `timeoutMs` left from now. */
export function localContext(name: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = (): never => {
    throw new Error('context.done/fail/succeed are not available to async handlers');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/${randomUUID()}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** The JSON object in `text`, or undefined (unparsable, or not an object): the record then fails as invalid_record. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
