import { setFlagsFromString } from "node:v8";

/**
 * Imported first by the worker, before any other module allocates; docs/BENCHMARKS.md ("Worker
 * memory") has the figures.
 *
 * glibc's allocator gives each thread that allocates under contention an arena of its own and
 * rarely hands freed memory back, so V8's compiler and garbage-collector threads left a worker
 * holding tens of MB it no longer used. Two arenas keep that bounded; the limit is read only when a
 * process starts, so a worker started without MALLOC_ARENA_MAX replaces itself (same pid, same
 * arguments, execve) with one that has it. Not on Node without process.execve (before 22.15) or
 * where MALLOC_ARENA_MAX is already set (the worker image sets it).
 */
if (process.platform === "linux" && process.env.MALLOC_ARENA_MAX === undefined && typeof process.execve === "function") {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, MALLOC_ARENA_MAX: "2" });
}

/**
 * A reconcile pass parses pages of 1,000 endpoints: by default V8 then grows its young generation
 * to 128 MB and keeps the old one well above what lives in it, which put a worker at 390 MB through
 * a pass over 10,000 links whose live objects take 50 MB. --optimize-for-size keeps both small for
 * about a third more CPU in the pass, mostly in the garbage collector; the worker waits on AWS and
 * the database far longer than it computes. Set here, rather than on a command line, so that every
 * way of starting a worker gets it.
 */
setFlagsFromString("--optimize-for-size");
