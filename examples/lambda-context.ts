/**
 * A Lambda `Context` for running the example handlers on this machine the way the Node.js runtime
 * calls them: `handler(event, context, callback)`. The deadline counts down from `timeoutMs`.
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
