import { PageHeader } from "@/components/ui/PageHeader";
import { TokensPanel } from "@/components/tokens/TokensPanel";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { registryHost } from "@/lib/db/registries";
import { getSettings } from "@/lib/settings";

export const metadata = { title: "Tokens" };

export default async function TokensPage() {
  const me = await requireUser();
  const s = await getSettings();
  return (
    <>
      <PageHeader
        title="Access tokens"
        lead="Use a token instead of your password for docker login and CI. A token never reaches beyond your own access."
      />
      <TokensPanel
        username={me.username}
        registryHost={await registryHost()}
        policy={{ maxDays: s.maxTokenLifetimeDays, allowNever: s.allowNonExpiringTokens }}
        canSeeAll={can(me.role, "tokens:read_any")}
      />
    </>
  );
}
