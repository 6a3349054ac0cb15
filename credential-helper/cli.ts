import { main } from "./main";

/** The program's entry: the real standard streams and environment. */
const readStdin = () =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (c: Buffer) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });

void main(process.argv.slice(2), {
  stdin: readStdin,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
