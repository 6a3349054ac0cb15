"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { SchemaForm } from "@/components/ui/SchemaForm";
import { api } from "@/lib/query/api";
import type { Settings } from "@/lib/validation/settings";

const NUMBERS: { key: keyof Settings; label: string }[] = [
  { key: "tokenTtlSeconds", label: "Registry token lifetime (seconds)" },
  { key: "refreshTokenTtlDays", label: "Signed-in client (docker login) lifetime at most (days)" },
  { key: "refreshTokenIdleDays", label: "Signed-in client ends when unused for (days)" },
  { key: "maxTokenLifetimeDays", label: "Longest access token lifetime (days)" },
  { key: "lockoutThreshold", label: "Failures before lockout" },
  { key: "addressLockoutThreshold", label: "Failures from one address, any account, before lockout" },
  { key: "lockoutWindowMinutes", label: "Counting window (minutes)" },
  { key: "lockoutMinutes", label: "Lockout (minutes)" },
  { key: "slowdownAfter", label: "Slow answers down after (failures)" },
  { key: "auditRetentionDays", label: "Keep audit events (days, 0 = forever)" },
];

/** The administrator's token and lockout policy, validated with the server's schema. */
export function PolicyForm({ settings }: { settings: Settings }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: unknown) => api("/api/v1/settings", { method: "PATCH", body }),
    meta: { said: () => "Settings saved: token requests follow them from now on" },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  return (
    <SchemaForm
      aria-label="Token policy"
      schema={() => import("@/lib/validation/settings").then((m) => m.settingsPatch)}
      read={(f) => ({
        ...Object.fromEntries(NUMBERS.map(({ key }) => [key, Number(f.get(key))])),
        allowNonExpiringTokens: f.get("allowNonExpiringTokens") === "on",
      })}
      onMessage={(m) => {
        setError(m);
        setSaved(false);
      }}
      onValid={(data) => save.mutate(data)}
    >
      <ErrorNote error={error ?? save.error} />
      {saved && (
        <p className="notice" role="status">
          Saved. New tokens follow the new policy; tokens already issued keep their expiry.
        </p>
      )}
      <div className="form-grid">
        {NUMBERS.map(({ key, label }) => (
          <div className="field" key={key}>
            <label htmlFor={`set-${key}`}>{label}</label>
            <input id={`set-${key}`} name={key} type="number" defaultValue={String(settings[key])} />
          </div>
        ))}
      </div>
      <div className="checks field">
        <label>
          <input type="checkbox" name="allowNonExpiringTokens" defaultChecked={settings.allowNonExpiringTokens} /> Allow
          access tokens that never expire
        </label>
      </div>
      <button className="primary" type="submit" disabled={save.isPending}>
        Save policy
      </button>
    </SchemaForm>
  );
}
