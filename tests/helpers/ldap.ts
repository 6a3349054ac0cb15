import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, stopChild, waitFor } from "./processes";

/**
 * A real OpenLDAP (Debian's slapd) of a test's own: a throw-away configuration and database in a
 * temporary directory, on 127.0.0.1:`port`, with dc=example,dc=org and `ldif` loaded. The root
 * DN cn=admin,dc=example,dc=org (password "adminpw") is what Portcullis binds as. With `tls`
 * (PEM files) it offers StartTLS.
 */
export const LDAP_SUFFIX = "dc=example,dc=org";
export const LDAP_ADMIN = { dn: `cn=admin,${LDAP_SUFFIX}`, password: "adminpw" };

export async function startSlapd(port: number, ldif: string, tls?: { ca: string; certificate: string; key: string }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-slapd-"));
  fs.mkdirSync(path.join(dir, "db"));
  const hashed = (await run("slappasswd", ["-s", LDAP_ADMIN.password])).stdout.trim();
  fs.writeFileSync(
    path.join(dir, "slapd.conf"),
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${dir}/slapd.pid
database mdb
suffix "${LDAP_SUFFIX}"
rootdn "${LDAP_ADMIN.dn}"
rootpw ${hashed}
directory ${dir}/db
${tls ? `TLSCACertificateFile ${tls.ca}\nTLSCertificateFile ${tls.certificate}\nTLSCertificateKeyFile ${tls.key}\n` : ""}access to attrs=userPassword by self read by anonymous auth by * none
access to * by * read
`,
  );
  const url = `ldap://127.0.0.1:${port}`;
  let daemon = spawn("slapd", ["-f", path.join(dir, "slapd.conf"), "-h", `${url}/`, "-d", "0"], { stdio: "ignore" });
  const ldap = (tool: string, args: string[]) =>
    run(tool, ["-x", "-H", url, "-D", LDAP_ADMIN.dn, "-w", LDAP_ADMIN.password, ...args]);
  const answering = async () => (await run("ldapsearch", ["-x", "-H", url, "-b", "", "-s", "base"])).code === 0;
  await waitFor(answering, "slapd to answer");
  const apply = async (tool: "ldapadd" | "ldapmodify", text: string) => {
    const file = path.join(dir, `change-${Date.now()}-${Math.random()}.ldif`);
    fs.writeFileSync(file, text);
    const r = await ldap(tool, ["-f", file]);
    if (r.code !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  };
  await apply(
    "ldapadd",
    `dn: ${LDAP_SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n\n${ldif}`,
  );
  return {
    url,
    add: (text: string) => apply("ldapadd", text),
    modify: (text: string) => apply("ldapmodify", text),
    async remove(dn: string) {
      const r = await ldap("ldapdelete", [dn]);
      if (r.code !== 0) throw new Error(`ldapdelete failed: ${r.stderr}`);
    },
    /** Stops the server, keeping its database: `start` brings it back as it was. */
    async pause() {
      await stopChild(daemon);
    },
    async start() {
      daemon = spawn("slapd", ["-f", path.join(dir, "slapd.conf"), "-h", `${url}/`, "-d", "0"], { stdio: "ignore" });
      await waitFor(answering, "slapd to answer");
    },
    async stop() {
      await stopChild(daemon);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
