import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal.js instance of the product. decimal.js rounds at 20 significant
 * digits by default, which silently loses fen on large sums: 40 digits, half-up.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;
