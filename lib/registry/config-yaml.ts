/** The registry config.yml `auth: token:` section for Portcullis (distribution 2.8 / 3.x). */
export function tokenAuthSection(opts: { realm: string; service: string; issuer: string; bundlePath: string }): string {
  const q = (s: string) => JSON.stringify(s); // JSON strings are valid YAML scalars
  return [
    "auth:",
    "  token:",
    `    realm: ${q(opts.realm)}`,
    `    service: ${q(opts.service)}`,
    `    issuer: ${q(opts.issuer)}`,
    `    rootcertbundle: ${q(opts.bundlePath)}`,
    "",
  ].join("\n");
}
