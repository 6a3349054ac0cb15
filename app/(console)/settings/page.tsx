import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { DirectorySettings } from "@/components/admin/DirectorySettings";
import { PolicyForm } from "@/components/admin/PolicyForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { Time } from "@/components/ui/Time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { getSettings } from "@/lib/settings";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireUser();
  const s = await getSettings();
  const e = env();
  return (
    <>
      <PageHeader title="Settings" lead="Your account and how Portcullis issues registry tokens." />
      <div className="card">
        <h2>Your account</h2>
        <table>
          <tbody>
            <tr>
              <th scope="row">Username</th>
              <td className="mono">{me.username}</td>
            </tr>
            <tr>
              <th scope="row">Role</th>
              <td>{me.role}</td>
            </tr>
            <tr>
              <th scope="row">Email</th>
              <td>{me.email ?? "—"}</td>
            </tr>
            <tr>
              <th scope="row">Member since</th>
              <td>
                <Time value={me.createdAt} />
              </td>
            </tr>
          </tbody>
        </table>
        <h3>Change your password</h3>
        {me.source === "ldap" ? (
          <p className="muted">You sign in with your company directory password: change it there.</p>
        ) : (
          <ChangePasswordForm username={me.username} />
        )}
      </div>
      <div className="card">
        <h2>Token policy</h2>
        {can(me.role, "settings:write") && <PolicyForm settings={s} />}
        <table hidden={can(me.role, "settings:write")}>
          <tbody>
            <tr>
              <th scope="row">Registry token lifetime</th>
              <td>{s.tokenTtlSeconds} s</td>
            </tr>
            <tr>
              <th scope="row">Refresh token lifetime</th>
              <td>{s.refreshTokenTtlDays} days</td>
            </tr>
            <tr>
              <th scope="row">Longest access token lifetime</th>
              <td>{s.maxTokenLifetimeDays} days</td>
            </tr>
            <tr>
              <th scope="row">Tokens that never expire</th>
              <td>{s.allowNonExpiringTokens ? "allowed" : "not allowed"}</td>
            </tr>
            <tr>
              <th scope="row">Lockout</th>
              <td>
                {s.lockoutThreshold} failures within {s.lockoutWindowMinutes} min lock that account from that address
                for {s.lockoutMinutes} min; answers slow down after {s.slowdownAfter}
              </td>
            </tr>
            {can(me.role, "settings:write") && (
              <tr>
                <th scope="row">Database</th>
                <td>{e.embedded ? `embedded (${e.dataDir})` : "PostgreSQL (DATABASE_URL)"}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {can(me.role, "settings:write") && <DirectorySettings />}
    </>
  );
}
