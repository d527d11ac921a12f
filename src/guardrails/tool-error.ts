// What a failed tool call may say to the model and the user. Connection failures, credentials, privileges
// and unexpected exceptions carry hosts, ports, database names and stack fragments: those texts become a
// fixed sentence, and the original travels on as `detail` for the server log only (with the request id).

export interface PublicToolError {
  code: string;
  message: string;
  /** The original text, for the log; never shown to a user or the model. */
  detail?: string;
}

const FIXED: Record<string, string> = {
  db_unreachable: 'the database could not be reached just now; try again in a minute, or answer without this data',
  db_auth: 'the server could not log in to its database; an administrator has to fix this, so answer without this data',
  db_denied:
    'the server lacks a database privilege for this; an administrator has to fix this, so answer without this data',
  bad_config: 'the server is misconfigured for this tool; answer with another tool',
  bad_db_url: 'the server is misconfigured for this tool; answer with another tool',
  internal: 'the tool failed because of an internal error; try another tool or a simpler question',
  tool_failed: 'the tool failed because of an internal error; try another tool or a simpler question',
};

// Text that names infrastructure or code: OS error codes, addresses, host:port, URLs, file paths, stack frames.
const INTERNAL_LOOKING = [
  /\bE(CONN\w+|NOTFOUND|TIMEDOUT|HOSTUNREACH|PIPE|ADDRINUSE|ACCES|PROTO)\b/,
  /\b\d{1,3}(\.\d{1,3}){3}\b/,
  /\b(localhost|[a-z][\w-]*(\.[\w-]+)+):\d{2,5}\b/i,
  /\b(mysql|sqlite|https?):\/\//i,
  /(^|[\s(])\/[\w.-]+\/[\w./-]+/,
  /\n\s*at\s|node_modules|\.ts:\d+|\.js:\d+/,
];

export function looksInternal(message: string): boolean {
  return INTERNAL_LOOKING.some((re) => re.test(message));
}

/**
 * The error as the model and the user see it. Query mistakes (a bad column, a guard refusal) keep their
 * message, because the model repairs its call from it; internals are replaced.
 */
export function publicToolError(code: string, message: string): PublicToolError {
  const fixed = FIXED[code];
  if (fixed) return { code, message: fixed, detail: message };
  if (code === 'db_error' && looksInternal(message)) {
    return {
      code,
      message: 'the database reported an internal error; try again, or rephrase the query',
      detail: message,
    };
  }
  return { code, message };
}
