/**
 * The engine's version, stored with every publication so a frozen ranking says which engine made
 * it. Bump it whenever a change could move any score (a rule, rounding, the cohort statistics,
 * the explanation shape): 1.1 adds the pending judgement leaves and panels of spec §7.
 */
export const ENGINE_VERSION = '1.1.0';
