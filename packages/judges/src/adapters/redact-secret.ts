/** What replaces a secret in messages and recorded bodies. */
export const REDACTED = "[redacted]";

/** `text` with every occurrence of `secret` replaced (secrets shorter than 4 characters are left alone). */
export function redactSecretInText(text: string, secret: string | undefined): string {
  if (secret === undefined || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/**
 * A deep copy of `value` with `secret` replaced in every string (keys included), or `value` itself when it does not
 * contain the secret. Used on raw response bodies before they are returned, so an echoing server cannot smuggle a
 * key into a run log.
 */
export function redactSecret<T>(value: T, secret: string | undefined): T {
  if (secret === undefined || secret.length < 4) return value;
  const serialized = JSON.stringify(value);
  if (serialized === undefined || !serialized.includes(secret)) return value;
  return JSON.parse(redactSecretInText(serialized, JSON.stringify(secret).slice(1, -1))) as T;
}

/** Query parameters whose values are credentials (`?api-key=…`, `&key=…`, `&token=…`), matched case-insensitively. */
const SECRET_QUERY =
  /([?&](?:api[-_]?key|key|token|access[-_]?token|auth|secret|password|sig|signature)=)[^&#\s"'<>]*/gi;
/** Userinfo of a URL (`https://user:key@host`). */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s?#@"'<>]+@/gi;

/**
 * `text` with credentials in URLs replaced by `[redacted]`: userinfo (`https://user:key@host` →
 * `https://[redacted]@host`) and the values of query parameters named `api-key`, `api_key`, `apikey`, `key`,
 * `token`, `access_token`, `auth`, `secret`, `password`, `sig` or `signature`. Works on a bare URL and on any text
 * holding URLs (error messages); text without such secrets comes back unchanged.
 */
export function redactUrlSecrets(text: string): string {
  if (!text.includes("@") && !text.includes("=")) return text;
  return text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
}
