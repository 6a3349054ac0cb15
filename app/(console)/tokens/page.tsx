import { PageHeader } from "@/components/ui/PageHeader";
import { TokensPanel } from "@/components/tokens/TokensPanel";
import { requireUser } from "@/lib/auth/session";
import { listRegistries } from "@/lib/db/registries";

export const metadata = { title: "Tokens" };

export default async function TokensPage() {
  const me = await requireUser();
  const [registry] = await listRegistries();
  const host = registry ? new URL(registry.url).host : "registry.example.com";
  return (
    <>
      <PageHeader title="Access tokens" lead="Use a token instead of your password for docker login and CI. A token never reaches beyond your own access." />
      <TokensPanel username={me.username} registryHost={host} />
    </>
  );
}
