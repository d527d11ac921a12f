// Provider failures → one TidelensError that says what to fix; and which failures are worth a retry.
import { TidelensError } from '../../errors.ts';

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'throttlingException',
  'ServiceUnavailableException',
  'serviceUnavailableException',
  'InternalServerException',
  'internalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'TooManyRequestsException',
  'ModelStreamErrorException',
  'modelStreamErrorException',
]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);

export function isRetryable(e: unknown): boolean {
  const err = e as SdkLikeError;
  if (!err || typeof err !== 'object') return false;
  if (err.name && RETRYABLE_NAMES.has(err.name)) return true;
  if (err.code && RETRYABLE_CODES.has(err.code)) return true;
  const status = err.$metadata?.httpStatusCode;
  return status === 429 || (status !== undefined && status >= 500);
}

export interface Where {
  provider: 'bedrock' | 'openai';
  modelId: string;
  region?: string;
  baseUrl?: string;
}

/** One line naming what to change: the model id, the region, the IAM permission, the credentials or the URL. */
export function modelError(e: unknown, w: Where, attempts = 1): TidelensError {
  const err = e as SdkLikeError;
  const msg = (err?.message ?? String(e)).replace(/\s+/g, ' ').trim();
  const name = err?.name ?? '';
  const region = w.region ?? 'the configured region';
  const details = { provider: w.provider, modelId: w.modelId, errorName: name, status: err?.$metadata?.httpStatusCode };
  if (w.provider === 'openai') {
    if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND') {
      return new TidelensError(
        'model_error',
        `cannot reach the model server at ${w.baseUrl} (${err.code}); check OPENAI_BASE_URL and that the server runs`,
        details,
      );
    }
    const status = err?.$metadata?.httpStatusCode;
    if (status === 401 || status === 403) {
      return new TidelensError(
        'model_error',
        `the model server at ${w.baseUrl} refused the request (${status}: ${msg}); check OPENAI_API_KEY`,
        details,
      );
    }
    if (status === 404) {
      return new TidelensError(
        'model_error',
        `the model server at ${w.baseUrl} does not know model "${w.modelId}" (${msg}); check OPENAI_MODEL and OPENAI_BASE_URL (it should end in /v1)`,
        details,
      );
    }
    if (isRetryable(e)) {
      return new TidelensError(
        'model_error',
        `the model server at ${w.baseUrl} kept failing after ${attempts} attempt(s) (${msg}); try again later`,
        details,
      );
    }
    return new TidelensError(
      'model_error',
      `the model server at ${w.baseUrl} rejected the request for "${w.modelId}": ${msg}; check that the model supports tool calling`,
      details,
    );
  }

  if (name === 'AccessDeniedException') {
    return new TidelensError(
      'model_error',
      `Bedrock denied access to model "${w.modelId}" in ${region} (${msg}). Grant the caller the IAM permission bedrock:InvokeModelWithResponseStream on this model (or its inference profile) and enable access to the model in the Bedrock console for ${region}.`,
      details,
    );
  }
  if (
    name === 'ResourceNotFoundException' ||
    (name === 'ValidationException' &&
      /model identifier|model id|on-demand throughput|inference profile|not supported in this region/i.test(msg))
  ) {
    return new TidelensError(
      'model_error',
      `Bedrock does not offer model "${w.modelId}" in ${region} (${msg}). Check BEDROCK_MODEL_ID (some models need an inference profile id such as us.<model id>) and AWS_REGION.`,
      details,
    );
  }
  if (name === 'ValidationException') {
    return new TidelensError(
      'model_error',
      `Bedrock rejected the request for model "${w.modelId}" in ${region} (${msg}). Check that BEDROCK_MODEL_ID supports tool use with ConverseStream.`,
      details,
    );
  }
  if (
    name === 'UnrecognizedClientException' ||
    name === 'InvalidSignatureException' ||
    name === 'ExpiredTokenException' ||
    name === 'CredentialsProviderError'
  ) {
    return new TidelensError(
      'model_error',
      `AWS credentials were missing or rejected (${msg}). Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an IAM role.`,
      details,
    );
  }
  if (/region is missing/i.test(msg) || err?.code === 'ENOTFOUND') {
    return new TidelensError(
      'model_error',
      `cannot reach Bedrock in "${w.region ?? '(no region)'}" (${msg}). Set AWS_REGION to a region where Bedrock and model "${w.modelId}" are available.`,
      details,
    );
  }
  if (name === 'ServiceQuotaExceededException' || isRetryable(e)) {
    return new TidelensError(
      'model_error',
      `Bedrock kept failing for model "${w.modelId}" in ${region} after ${attempts} attempt(s) (${name || 'error'}: ${msg}). Try again shortly, or raise the model's quota in ${region}.`,
      details,
    );
  }
  return new TidelensError(
    'model_error',
    `Bedrock call for model "${w.modelId}" in ${region} failed (${name || 'error'}: ${msg}).`,
    details,
  );
}
