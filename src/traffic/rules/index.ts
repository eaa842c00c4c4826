// Every contract rule, in the order their findings are listed.
import { retryAfterIgnored } from './backoff';
import { dateFormat } from './dates';
import { qtyNotInteger } from './quantity';
import { noContentType, repeatedJsonKey, repeatedQueryParameter, skuComma, urlTooLong } from './requests';
import type { Rule } from './rule';
import { expiredTokenReused, tokenChurn } from './tokens';
import { duplicateWrite, setOverwroteChange } from './writes';

export { DEFAULT_LINT_OPTIONS, type LintOptions, type Rule, type RuleLevel } from './rule';

export const RULES: readonly Rule[] = [
  qtyNotInteger,
  skuComma,
  duplicateWrite,
  dateFormat,
  setOverwroteChange,
  retryAfterIgnored,
  tokenChurn,
  expiredTokenReused,
  urlTooLong,
  noContentType,
  repeatedQueryParameter,
  repeatedJsonKey,
];
