import type { AdapterErrorCode } from '../../spec/adapter-error';

const DASHSCOPE_ERROR_CODES: Readonly<Record<string, AdapterErrorCode>> = {
  InvalidApiKey: 'upstream_auth_failed',
  Arrearage: 'upstream_quota_exhausted',
  DataInspectionFailed: 'content_filter',
  data_inspection_failed: 'content_filter',
  ModelNotFound: 'model_not_found',
  model_not_found: 'model_not_found',
  RequestTimeOut: 'upstream_timeout',
  InternalError: 'upstream_server_error',
};

/** DashScope's `code` to ours; undefined leaves the choice to the HTTP status. */
export function mapDashScopeErrorCode(code: string, message = ''): AdapterErrorCode | undefined {
  if (code.startsWith('Throttling')) return 'rate_limited';
  if (code.startsWith('AccessDenied')) return 'upstream_forbidden';
  if (code === 'InvalidParameter') {
    // Both arrive as InvalidParameter; only the message tells them apart.
    if (/input length|too long|context length/i.test(message)) return 'context_length_exceeded';
    if (/model not (?:exist|found)/i.test(message)) return 'model_not_found';
    return 'invalid_request';
  }
  return DASHSCOPE_ERROR_CODES[code];
}
