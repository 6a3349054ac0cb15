import { PageHeader } from "@/components/ui/PageHeader";
import { TokensPanel } from "@/components/tokens/TokensPanel";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { SignInMachine } from "@/components/tokens/SignInMachine";
import { SignedInClients } from "@/components/me/SignedInClients";
import { env } from "@/lib/config/env";
import { listRegistries, registryHost } from "@/lib/db/registries";
import { credentialHelperSnippets } from "@/lib/registry/machine-setup";
import { helperDownloads } from "@/lib/services/downloads";
import { getSettings } from "@/lib/settings";

export const metadata = { title: "Tokens" };

export default async function TokensPage() {
  const me = await requireUser();
  const s = await getSettings();
  const [registry] = await listRegistries();
  const url = registry ? new URL(registry.url) : null;
  return (
    <>
      <PageHeader
        title="Access tokens"
        lead="Use a token instead of your password for docker login and CI. A token never reaches beyond your own access."
      />
      {me.source === "oidc" && (
        <p className="notice" data-testid="sso-notice">
          You sign in with single sign-on, so docker login cannot take your password: use an access token as the
          password, or sign this machine in with docker-credential-portcullis (below).
        </p>
      )}
      <TokensPanel
        username={me.username}
        registryHost={await registryHost()}
        policy={{ maxDays: s.maxTokenLifetimeDays, allowNever: s.allowNonExpiringTokens }}
        canSeeAll={can(me.role, "tokens:read_any")}
      />
      {url && (
        <SignInMachine
          snippets={credentialHelperSnippets({
            host: url.host,
            plainHttp: url.protocol === "http:",
            consoleUrl: env().publicUrl,
          })}
          downloads={helperDownloads()}
        />
      )}
      <SignedInClients title="Signed-in machines and clients" withTokens={false} />
    </>
  );
}
