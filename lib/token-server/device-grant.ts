import { appendAudit } from "../audit/write";
import type { Credential, Subject } from "../auth/credentials";
import { transaction } from "../db/client";
import { answerDevice, claimPoll, findDeviceByCodeHash, slowDown } from "../db/device-authorizations";
import { findUserById } from "../db/users";
import type { TokenScopeRule } from "../registry/authorize";
import { pollVerdict } from "../registry/device-codes";
import { hashToken } from "../registry/pat";
import { createRefreshTokenFor } from "./refresh-tokens";
import type { TokenOutcome, TokenRequest, TokenResponse } from "./token-service";

/**
 * The token endpoint's half of the device grant (RFC 8628 §3.4–3.5): a client polls with its
 * device code and gets `authorization_pending`, `slow_down`, `access_denied`, `expired_token`
 * or, once a person approved it, a refresh token bound to that device (its owner's chosen
 * repositories, actions and lifetime) with the first registry token. A code works once.
 */
export type DeviceRedemption =
  | { ok: true; service: string; subject: Subject; credential: Credential; refreshToken: string }
  | { ok: false; response: TokenResponse };

/** RFC 6749 §5.2: a 400 with `error` and `error_description` (401 for invalid_client only, unused here). */
function oauthError(error: string, description: string, reason = error): DeviceRedemption {
  const outcome: TokenOutcome = {
    outcome: error === "authorization_pending" || error === "slow_down" ? "invalid" : "unauthorized",
    reason,
    credential: "device_code",
  };
  return { ok: false, response: { status: 400, body: { error, error_description: description }, outcome } };
}

export async function redeemDeviceCode(req: TokenRequest, deviceCode: string): Promise<DeviceRedemption> {
  const row = await findDeviceByCodeHash(hashToken(deviceCode));
  const now = new Date();
  const verdict = pollVerdict(
    row && {
      clientId: row.clientId,
      status: row.status,
      expiresAt: row.expiresAt.getTime(),
      interval: row.interval,
      lastPolledAt: row.lastPolledAt?.getTime() ?? null,
    },
    { clientId: req.clientId, now: now.getTime() },
  );
  if ("error" in verdict) {
    if (verdict.error === "slow_down") await slowDown(row!.id, verdict.interval, now);
    else if (verdict.error === "authorization_pending" || verdict.error === "access_denied") {
      // Two polls at once (two replicas): the one that did not record its poll is too fast.
      if (!(await claimPoll(row!.id, row!.lastPolledAt, now)))
        return oauthError("slow_down", `poll at most every ${row!.interval} seconds`);
    }
    return oauthError(verdict.error, verdict.description);
  }
  const d = row!;
  const user = d.userId ? await findUserById(d.userId) : null;
  if (!user || user.disabled) return oauthError("access_denied", "the account that approved this code is disabled");
  const subject: Subject = { kind: "user", id: user.id, name: user.username, role: user.role };
  const scopes = (d.scopes as TokenScopeRule[] | null) ?? undefined;
  const client = { clientId: d.clientId, userAgent: req.userAgent ?? d.userAgent ?? undefined, clientIp: req.clientIp };

  const alreadyUsed = new Error("already used");
  const issued = await transaction(async (tx) => {
    const t = await createRefreshTokenFor(
      subject,
      d.service,
      client,
      { lifetimeDays: d.lifetimeDays ?? 1, scopes, device: { name: d.deviceName } },
      tx,
    );
    if (!(await answerDevice(tx, d.id, "approved", { status: "redeemed", refreshTokenId: t.id }))) throw alreadyUsed;
    await appendAudit(tx, [
      {
        actorId: user.id,
        actorName: user.username,
        actorKind: "user",
        credential: "device_code",
        action: "device.redeem",
        outcome: "success",
        clientIp: req.clientIp,
        userAgent: req.userAgent ?? null,
        requestId: req.requestId,
        details: {
          deviceId: d.id,
          clientId: d.clientId,
          deviceName: d.deviceName,
          service: d.service,
          refreshTokenId: t.id,
        },
      },
    ]);
    return t;
  }).catch((err: unknown) => {
    if (err === alreadyUsed) return null; // another poll redeemed it a moment earlier: rolled back
    throw err;
  });
  if (!issued) return oauthError("invalid_grant", "this device code has been used already; it works once");
  return {
    ok: true,
    service: d.service,
    subject,
    credential: { type: "refresh_token", id: issued.id, scopes },
    refreshToken: issued.secret,
  };
}
