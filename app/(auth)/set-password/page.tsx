import { SetPasswordForm } from "@/components/auth/SetPasswordForm";

export const metadata = { title: "Set your password" };

export default function SetPasswordPage() {
  return (
    <main className="login-wrap">
      <div className="card login">
        <div className="brand">Portcullis</div>
        <p className="lead">Choose your password. This link works once.</p>
        <SetPasswordForm />
      </div>
    </main>
  );
}
