import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentUser } from "@/lib/auth/session";
import { signInChoices } from "@/lib/auth/sign-in";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  if (await currentUser()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  // Only local paths: never an open redirect.
  const next = callbackUrl && /^\/(?!\/)/.test(callbackUrl) ? callbackUrl : "/";
  return (
    <main className="login-wrap">
      <div className="card login">
        <div className="brand">Portcullis</div>
        <p className="lead">Sign in to manage registry access.</p>
        <LoginForm
          next={next}
          choices={signInChoices()}
          failure={typeof error === "string" ? error.slice(0, 40) : undefined}
        />
      </div>
    </main>
  );
}
