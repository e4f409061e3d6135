// The V8 flags bin/findings.js sets before anything is compiled, shared with the build's code-cache step
// (scripts/chart-code-cache.mjs): V8 accepts a code cache only under the flags it was made with.
//
// Issue 19: V8 hands a function to its optimising compiler once it has run about 132 KB of bytecode.
// In a command that lasts a second most such functions (vega's, the report's) have finished before
// their optimised code is ready, so the compiling is CPU spent for nothing: a 1M-row run's charts
// cost a third less CPU with the threshold at 1 MB, and the tally's loops, which run millions of
// times, are optimised as before. A heuristic of V8's tiering, not of any result: the output is the same.
export const V8_FLAGS = '--interrupt-budget=1000000';
