/**
 * JSON-schema pattern for one-line user text (titles, phase names): no C0/C1 control characters
 * and no bidi overrides, which would break reports and headers or disguise text.
 */
export const PLAIN_LINE = '^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$'
