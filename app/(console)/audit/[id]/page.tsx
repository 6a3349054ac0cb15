import Link from "next/link";
import { notFound } from "next/navigation";
import { CredentialBehind } from "@/components/audit/CredentialBehind";
import { Trace } from "@/components/audit/Trace";
import { Forbidden } from "@/components/ui/Forbidden";
import { PageHeader } from "@/components/ui/PageHeader";
import { isMaintainer } from "@/lib/auth/delegation";
import { credentialsBehind } from "@/lib/services/attribution";
import { visibleEvent } from "@/lib/services/audit";
import { stewardOfPerson } from "@/lib/services/stewardship";
import { requireUser } from "@/lib/auth/session";
import { findAuditEvent } from "@/lib/db/audit-events";
import { HASHED_FIELDS } from "@/lib/audit/types";

export const metadata = { title: "Audit event" };

/** Every plain field of the event in the order the chain hashes them, then the chain's own; JSON fields follow below. */
const JSON_FIELDS = ["requested", "granted", "details"] as const;
const SCALARS = [
  "id",
  ...HASHED_FIELDS.filter(
    (f): f is Exclude<(typeof HASHED_FIELDS)[number], (typeof JSON_FIELDS)[number]> =>
      !(JSON_FIELDS as readonly string[]).includes(f),
  ),
  "prevHash",
  "hash",
] as const;

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireUser();
  // Auditors and admins read every event; a team maintainer those of the team's namespaces.
  const steward = await stewardOfPerson(me, "audit:read");
  if (!steward.admin && !isMaintainer(steward)) return <Forbidden what="the audit log" />;
  const { id } = await params;
  if (!/^\d{1,18}$/.test(id)) notFound();
  const e = await visibleEvent(await findAuditEvent(BigInt(id)), steward).catch(() => null);
  if (!e) notFound();
  const behind = e.action.startsWith("registry.") ? (await credentialsBehind([e])).get(e.id) : undefined;
  const back = steward.admin ? "/audit" : "/teams";
  return (
    <>
      <PageHeader title={`Event ${e.id}`} lead={`${e.action}, ${e.outcome}`} />
      <p>
        <Link href={back}>← {steward.admin ? "Audit log" : "Teams"}</Link>
        {steward.admin && e.actorName && (
          <>
            {" "}
            · <Link href={`/audit?actor=${encodeURIComponent(e.actorName)}`}>all events of {e.actorName}</Link>
          </>
        )}
        {steward.admin && e.repository && (
          <>
            {" "}
            · <Link href={`/audit?repository=${encodeURIComponent(e.repository)}`}>all events on {e.repository}</Link>
          </>
        )}
      </p>
      <div className="card" data-testid="event-detail">
        <table>
          <tbody>
            {SCALARS.map((k) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="mono" style={{ wordBreak: "break-all" }}>
                  {e[k] ?? <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {behind && (
          <p>
            <strong>Credential behind it:</strong> <CredentialBehind a={behind} />
          </p>
        )}
        <Trace e={e} />
      </div>
      {JSON_FIELDS.map((k) =>
        e[k] === null ? null : (
          <div className="card" key={k}>
            <h2>{k}</h2>
            <pre>{JSON.stringify(e[k], null, 2)}</pre>
          </div>
        ),
      )}
    </>
  );
}
