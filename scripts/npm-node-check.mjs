// `npm install`'s preinstall, run by the Node that runs npm (any version npm 11 runs on, so plain JavaScript): npm checks
// dependencies' `engines` against that Node, though every script and server runs on the Node 24 that this install puts in
// node_modules/.bin (README, "Which Node runs what"). On an older Node that meant about 75 lines of EBADENGINE warnings
// about a Node nothing runs on; .npmrc's loglevel=error hides them, and this says why, once.
const npmNode = /\bnode\/v(\d+)\.(\d+)/.exec(process.env.npm_config_user_agent ?? "");
const [major, minor] = npmNode ? [Number(npmNode[1]), Number(npmNode[2])] : [0, 0];
if (npmNode && (major < 22 || (major === 22 && minor < 15))) {
  process.stdout.write(
    `[portal] npm runs on Node ${major}.${minor}, older than some dependencies ask for (22.15): they run on the Node 24 this ` +
      "install puts in node_modules/.bin, not on this one, so npm's engine warnings are hidden (`npm install --loglevel=warn` shows them)\n",
  );
}
