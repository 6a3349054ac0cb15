// A process that writes as server.ts does after its output's reader is gone: JSON output kept
// (keepOutputJson), an uncaught-exception handler that logs (as Next.js installs), a line every
// 10 ms. On SIGTERM it writes how often that handler ran to the file named by argv[2], and exits.
import fs from "node:fs";
import { keepOutputJson } from "../../lib/server/json-output";

keepOutputJson();
let uncaught = 0;
process.on("uncaughtException", (err) => {
  uncaught++;
  console.error(err);
});
setInterval(() => console.log("tick"), 10);
process.on("SIGTERM", () => {
  fs.writeFileSync(process.argv[2], String(uncaught));
  process.exit(0);
});
console.log("ready");
