"use client";

import { useState } from "react";
import { ActionChecks, checkedActions } from "@/components/ui/ActionChecks";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { fieldText, SchemaForm } from "@/components/ui/SchemaForm";
import { Time } from "@/components/ui/Time";
import { useAnswerDevice, useDeviceRequest } from "@/lib/query/devices";
import type { DeviceRequestView } from "@/lib/validation/device";

/** Type the code a device shows, see who asks for what, and approve (choosing how much) or deny. */
export function DeviceApproval({ initialCode, username }: { initialCode: string; username: string }) {
  const [code, setCode] = useState<string | null>(initialCode || null);
  const device = useDeviceRequest(code);
  return (
    <>
      <h1>Sign in a device</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setCode(String(new FormData(e.currentTarget).get("code") ?? "").trim() || null);
        }}
      >
        <div className="field">
          <label htmlFor="device-code">The code your device shows</label>
          <input
            id="device-code"
            name="code"
            className="user-code"
            defaultValue={initialCode}
            placeholder="BCDF-GHJK"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            autoFocus={!initialCode}
          />
        </div>
        <button type="submit" className={device.data ? "" : "primary"}>
          Continue
        </button>
      </form>
      <ErrorNote error={device.error} />
      {device.data && code && <Answer key={code} code={code} device={device.data} username={username} />}
    </>
  );
}

function Answer({ code, device, username }: { code: string; device: DeviceRequestView; username: string }) {
  const answer = useAnswerDevice(code);
  const [limited, setLimited] = useState(Boolean(device.requestedScopes));
  const [formError, setFormError] = useState<string | null>(null);
  const who = device.deviceName ? `“${device.deviceName}”` : "A device";

  if (device.status !== "pending") {
    const said: Record<string, string> = {
      approved: "Approved: go back to your device; it finishes signing in within a few seconds.",
      redeemed: "Approved, and the device is signed in. You can sign it out under Tokens.",
      denied: "Denied: the device was told no. Nothing was signed in.",
      expired: "This code expired before it was answered: start again on the device.",
    };
    return (
      <p className="notice" role="status" data-testid="device-outcome">
        {said[device.status]}
      </p>
    );
  }

  const days = [1, 7, 30, 90, 180, 365].filter((d) => d < device.maxLifetimeDays).concat(device.maxLifetimeDays);
  return (
    <SchemaForm
      schema={() => import("@/lib/validation/device").then((m) => m.approveDeviceInput)}
      read={(f) => ({
        lifetimeDays: Number(f.get("lifetime")),
        scopes: limited
          ? rowsOf(device)
              .map((_, i) => ({ repository: fieldText(f, `repo-${i}`), actions: checkedActions(f, `act-${i}`) }))
              .filter((r) => r.repository)
          : null,
      })}
      onMessage={setFormError}
      onValid={(body) => answer.mutate({ approve: true, body })}
      aria-label="Answer the device"
      data-testid="device-request"
    >
      <p>
        {who} asks to sign in to the registry <strong className="mono">{device.service}</strong> as{" "}
        <strong>{username}</strong>.
      </p>
      <ul className="muted">
        <li>
          Client <span className="mono">{device.clientId}</span>
          {device.userAgent && <> ({device.userAgent})</>}
        </li>
        <li>
          From <span className="mono">{device.clientIp}</span>, <Time value={device.createdAt} />; the code expires{" "}
          <Time value={device.expiresAt} />
        </li>
      </ul>
      <p className="muted">Approve only if you started this on your own machine just now.</p>
      <ErrorNote error={formError ?? answer.error} />
      <div className="field">
        <strong>What the device may do</strong>
        <fieldset className="checks" style={{ border: 0, padding: 0, marginTop: 6 }}>
          <legend className="sr-only">What the device may do</legend>
          <label>
            <input type="radio" name="reach" checked={!limited} onChange={() => setLimited(false)} /> Everything I may
            do (as my access changes)
          </label>
          <label>
            <input type="radio" name="reach" checked={limited} onChange={() => setLimited(true)} /> Only these
            repositories
          </label>
        </fieldset>
      </div>
      {limited &&
        rowsOf(device).map((r, i) => (
          <div className="form-grid" key={i}>
            <div className="field">
              <label htmlFor={`repo-${i}`}>Repository or pattern</label>
              <input id={`repo-${i}`} name={`repo-${i}`} defaultValue={r.repository} placeholder="team/app or team/*" />
            </div>
            <ActionChecks name={`act-${i}`} checked={r.actions} legend={`Actions on row ${i + 1}`} />
          </div>
        ))}
      <div className="field">
        <label htmlFor="device-lifetime">Stays signed in for</label>
        <select id="device-lifetime" name="lifetime" defaultValue={String(device.maxLifetimeDays)}>
          {days.map((d) => (
            <option key={d} value={d}>
              {d === 1 ? "1 day" : `${d} days`}
            </option>
          ))}
        </select>
      </div>
      <div style={{ display: "flex", gap: 10 }}>
        <button className="primary" type="submit" disabled={answer.isPending}>
          Approve
        </button>
        <button
          type="button"
          className="danger"
          disabled={answer.isPending}
          onClick={() => answer.mutate({ approve: false })}
        >
          Deny
        </button>
      </div>
    </SchemaForm>
  );
}

/** The rows to offer: what the device asked for, then one empty row to add another. */
const rowsOf = (d: DeviceRequestView) => [
  ...(d.requestedScopes ?? []),
  { repository: "", actions: ["pull"] as string[] },
];
