import { fuzzSuite } from './fuzz-input-suite.js';

/** The fuzz suite (fuzz-input-suite.ts) on the embedded PGlite comment store. */
fuzzSuite('PGlite', () => ({}));
