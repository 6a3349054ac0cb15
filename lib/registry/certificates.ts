import { X509Certificate } from "node:crypto";
import { AppError } from "../errors";

/** One PEM certificate, read: its canonical PEM, SHA-256 fingerprint, subject and end of validity. */
export interface CertificateFacts {
  pem: string;
  fingerprint256: string;
  subject: string;
  validTo: string;
}

/** Reads exactly one PEM certificate, or says what is wrong with what was pasted. */
export function readCertificate(pem: string): CertificateFacts {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length !== 1)
    throw new AppError(
      "validation_failed",
      blocks.length
        ? "paste one certificate (the CA's), not a chain"
        : "not a PEM certificate (-----BEGIN CERTIFICATE----- …)",
    );
  try {
    const x = new X509Certificate(blocks[0]);
    return { pem: x.toString(), fingerprint256: x.fingerprint256, subject: x.subject, validTo: x.validTo };
  } catch (err) {
    throw new AppError("validation_failed", `the certificate cannot be read: ${(err as Error).message}`);
  }
}

/** Whether two PEM texts hold the same certificate (whatever their line endings or surrounding space). */
export function sameCertificate(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  try {
    return new X509Certificate(a).raw.equals(new X509Certificate(b).raw);
  } catch {
    return false;
  }
}
