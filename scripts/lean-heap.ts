import { setFlagsFromString } from "node:v8";

/**
 * Imported first by the worker, before any other module allocates; docs/BENCHMARKS.md ("Worker
 * memory") has the figures.
 *
 * glibc's allocator gives each thread that allocates under contention an arena of its own, and
 * after a large block is freed it raises the size from which it maps blocks of their own (handed
 * back on free) up to 32 MB, so the memory of V8's compiler and garbage-collector threads and of
 * the AWS answers parsed in a pass stayed with a worker long after it was freed. Two arenas and
 * fixed 128 kB thresholds keep that bounded. glibc reads these only when a process starts, so a
 * worker started without MALLOC_ARENA_MAX replaces itself (execve: same pid, same arguments) with
 * one that has them. Not on Node without process.execve (before 22.15), nor where MALLOC_ARENA_MAX
 * is already set (the worker image sets all three).
 */
if (process.platform === "linux" && process.env.MALLOC_ARENA_MAX === undefined && typeof process.execve === "function") {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    MALLOC_MMAP_THRESHOLD_: "131072",
    MALLOC_TRIM_THRESHOLD_: "131072",
    ...process.env,
    MALLOC_ARENA_MAX: "2",
  });
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
