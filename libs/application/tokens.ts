/** Injection tokens of the application layer. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const WRITE_GUARD = Symbol('WRITE_GUARD');
