import fc from 'fast-check';

// Property tests run from one pinned seed, so CI is repeatable; FC_SEED=<n> replays or explores
// another. fast-check names the seed and the path of any failure in its report.
const pinned = 20261207;
const fromEnv = process.env.FC_SEED === undefined ? NaN : Number(process.env.FC_SEED);
fc.configureGlobal({ seed: Number.isInteger(fromEnv) ? fromEnv : pinned });
