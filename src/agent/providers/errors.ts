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
  const failure: Failure = {
    raw: e,
    err,
    msg: (err?.message ?? String(e)).replace(/\s+/g, ' ').trim(),
    name: err?.name ?? '',
    attempts,
  };
  const details = {
    provider: w.provider,
    modelId: w.modelId,
    errorName: failure.name,
    status: err?.$metadata?.httpStatusCode,
  };
  const message = w.provider === 'openai' ? openAiAdvice(failure, w) : bedrockAdvice(failure, w);
  return new TidelensError('model_error', message, details);
}

/** What both providers' advice is built from; `raw` is kept because isRetryable inspects the original value. */
interface Failure {
  raw: unknown;
  err: SdkLikeError;
  msg: string;
  name: string;
  attempts: number;
}

function openAiAdvice({ raw, err, msg, attempts }: Failure, w: Where): string {
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND') {
    return `cannot reach the model server at ${w.baseUrl} (${err.code}); check OPENAI_BASE_URL and that the server runs`;
  }
  const status = err?.$metadata?.httpStatusCode;
  if (status === 401 || status === 403) {
    return `the model server at ${w.baseUrl} refused the request (${status}: ${msg}); check OPENAI_API_KEY`;
  }
  if (status === 404) {
    return `the model server at ${w.baseUrl} does not know model "${w.modelId}" (${msg}); check OPENAI_MODEL and OPENAI_BASE_URL (it should end in /v1)`;
  }
  if (isRetryable(raw)) {
    return `the model server at ${w.baseUrl} kept failing after ${attempts} attempt(s) (${msg}); try again later`;
  }
  return `the model server at ${w.baseUrl} rejected the request for "${w.modelId}": ${msg}; check that the model supports tool calling`;
}

const BEDROCK_UNKNOWN_MODEL =
  /model identifier|model id|on-demand throughput|inference profile|not supported in this region/i;
const AWS_CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

function bedrockAdvice({ raw, err, msg, name, attempts }: Failure, w: Where): string {
  const region = w.region ?? 'the configured region';
  if (name === 'AccessDeniedException') {
    return `Bedrock denied access to model "${w.modelId}" in ${region} (${msg}). Grant the caller the IAM permission bedrock:InvokeModelWithResponseStream on this model (or its inference profile) and enable access to the model in the Bedrock console for ${region}.`;
  }
  if (name === 'ResourceNotFoundException' || (name === 'ValidationException' && BEDROCK_UNKNOWN_MODEL.test(msg))) {
    return `Bedrock does not offer model "${w.modelId}" in ${region} (${msg}). Check BEDROCK_MODEL_ID (some models need an inference profile id such as us.<model id>) and AWS_REGION.`;
  }
  if (name === 'ValidationException') {
    return `Bedrock rejected the request for model "${w.modelId}" in ${region} (${msg}). Check that BEDROCK_MODEL_ID supports tool use with ConverseStream.`;
  }
  if (AWS_CREDENTIAL_ERRORS.has(name)) {
    return `AWS credentials were missing or rejected (${msg}). Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an IAM role.`;
  }
  if (/region is missing/i.test(msg) || err?.code === 'ENOTFOUND') {
    return `cannot reach Bedrock in "${w.region ?? '(no region)'}" (${msg}). Set AWS_REGION to a region where Bedrock and model "${w.modelId}" are available.`;
  }
  if (name === 'ServiceQuotaExceededException' || isRetryable(raw)) {
    return `Bedrock kept failing for model "${w.modelId}" in ${region} after ${attempts} attempt(s) (${name || 'error'}: ${msg}). Try again shortly, or raise the model's quota in ${region}.`;
  }
  return `Bedrock call for model "${w.modelId}" in ${region} failed (${name || 'error'}: ${msg}).`;
}
