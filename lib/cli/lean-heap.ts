import { setFlagsFromString } from "node:v8";

/**
 * Imported first by the worker, before any other module allocates. A reconcile pass parses pages
 * of 1,000 endpoints: by default V8 then grows its young generation to 128 MB and keeps the old one
 * well above what lives in it, which put a worker at 390 MB through a pass over 10,000 links whose
 * live objects take 50 MB. --optimize-for-size keeps both small (the heap at about 55 MB and the
 * process under 200 MB through that pass) for about a third more CPU in the pass, mostly in the
 * garbage collector; the worker waits on AWS and the database far longer than it computes.
 * Set here, rather than on a command line, so that every way of starting a worker gets it.
 */
setFlagsFromString("--optimize-for-size");
