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
