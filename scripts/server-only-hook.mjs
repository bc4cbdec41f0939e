// The worker runs without the `react-server` condition, because it renders mail with react-dom/server, which React's server
// build refuses. That condition was only there so that `server-only` (which throws outside it) imports nothing: this hook,
// loaded with `--import`, does that instead. `npm run build` does the same for dist/ (scripts/build-commands.ts).
import { registerHooks } from "node:module";

registerHooks({
  resolve: (specifier, context, nextResolve) =>
    specifier === "server-only" ? { url: "data:text/javascript,export {};", format: "module", shortCircuit: true } : nextResolve(specifier, context),
});
