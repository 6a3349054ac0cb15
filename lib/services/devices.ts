import { RateLimiterMemory } from "rate-limiter-flexible";
import type { z } from "zod";
import { appendAudit } from "../audit/write";
import type { AuditActor } from "../audit/types";
import type { Caller } from "../auth/caller";
import { env } from "../config/env";
import { transaction, type Prisma } from "../db/client";
import {
  answerDevice,
  countDeviceRequestsFrom,
  countPendingDeviceRequests,
  createDeviceAuthorization,
  findDeviceByUserCode,
  type DeviceRow,
} from "../db/device-authorizations";
import { isUniqueViolation } from "../db/errors";
import { loadUserRules } from "../db/grants";
import { findRegistryByService } from "../db/registries";
import { AppError, forbidden } from "../errors";
import type { TokenScopeRule } from "../registry/authorize";
import {
  DEVICE_CODE_TTL_SECONDS,
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  normalizeUserCode,
  parseDeviceScope,
  POLL_INTERVAL_SECONDS,
} from "../registry/device-codes";
import { hashToken } from "../registry/pat";
import { getSettings } from "../settings";
import type { ApproveDeviceInput, deviceRequestView } from "../validation/device";
import { checkOwnerRules } from "./tokens";

/**
 * The console's half of the device authorization grant (RFC 8628): a client asks for a code, a
 * signed-in person looks it up, sees who asks for what, and approves (choosing repositories,
 * actions and lifetime, never beyond their own access) or denies. The token endpoint's half, the
 * polling, is lib/token-server/device-grant.ts.
 */

/** Codes one address may ask for in ten minutes, and codes pending at once: the issuance limits. */
const PER_ADDRESS = 20;
const PENDING_AT_MOST = 10_000;

/** An OAuth error of the device authorization endpoint (RFC 6749 §5.2 shape). */
export class DeviceRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DeviceCodeRequest {
  clientId: string | undefined;
  scope: string | undefined;
  service: string | undefined;
  deviceName: string | undefined;
  clientIp: string;
  userAgent: string | undefined;
  requestId: string;
}

const PRINTABLE = /^[\x20-\x7e]+$/;

export async function startDeviceAuthorization(r: DeviceCodeRequest) {
  if (!r.clientId || r.clientId.length > 100 || !PRINTABLE.test(r.clientId))
    throw new DeviceRequestError(400, "invalid_request", "client_id is required: up to 100 printable characters");
  if (r.deviceName !== undefined && (r.deviceName.length > 100 || !PRINTABLE.test(r.deviceName)))
    throw new DeviceRequestError(400, "invalid_request", "device_name: up to 100 printable characters");
  if (!r.service)
    throw new DeviceRequestError(400, "invalid_request", "service (the registry's token service) is required");
  if (!(await findRegistryByService(r.service)))
    throw new DeviceRequestError(
      400,
      "invalid_request",
      `unknown service "${r.service.slice(0, 100)}": no registry with this service is registered in Portcullis`,
    );
  const scope = parseDeviceScope(r.scope);
  if ("error" in scope) throw new DeviceRequestError(400, "invalid_scope", scope.error);
  const now = new Date();
  if ((await countDeviceRequestsFrom(r.clientIp, new Date(now.getTime() - 600_000))) >= PER_ADDRESS)
    throw new DeviceRequestError(429, "slow_down", `at most ${PER_ADDRESS} sign-in codes per address in ten minutes`);
  if ((await countPendingDeviceRequests(now)) >= PENDING_AT_MOST)
    throw new DeviceRequestError(503, "temporarily_unavailable", "too many sign-ins are waiting; try again shortly");

  const deviceCode = generateDeviceCode();
  for (let attempt = 0; ; attempt++) {
    const userCode = generateUserCode();
    try {
      await transaction(async (tx) => {
        const row = await createDeviceAuthorization(tx, {
          deviceCodeHash: hashToken(deviceCode),
          userCode,
          clientId: r.clientId!,
          deviceName: r.deviceName ?? null,
          userAgent: r.userAgent?.slice(0, 300) ?? null,
          clientIp: r.clientIp,
          service: r.service!,
          ...(scope.rules ? { requestedScopes: scope.rules as unknown as Prisma.InputJsonValue } : {}),
          interval: POLL_INTERVAL_SECONDS,
          expiresAt: new Date(now.getTime() + DEVICE_CODE_TTL_SECONDS * 1000),
        });
        await appendAudit(tx, [
          {
            actorKind: "anonymous",
            actorName: null,
            credential: "none",
            action: "device.request",
            outcome: "success",
            clientIp: r.clientIp,
            userAgent: r.userAgent?.slice(0, 300) ?? null,
            requestId: r.requestId,
            details: { deviceId: row.id, clientId: row.clientId, deviceName: row.deviceName, service: row.service },
          },
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 5) continue; // a user code in use: draw another
      throw err;
    }
    const verification = `${env().publicUrl}/device`;
    return {
      device_code: deviceCode,
      user_code: formatUserCode(userCode),
      verification_uri: verification,
      verification_uri_complete: `${verification}?code=${formatUserCode(userCode)}`,
      expires_in: DEVICE_CODE_TTL_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    };
  }
}

// Wrong codes typed by one person: ten per ten minutes, then a pause (per replica; a guess needs
// an account, and 20^8 codes each alive ten minutes leave nothing to find at this rate).
const wrongCodes = new RateLimiterMemory({ points: 10, duration: 600 });

function person(caller: Caller) {
  if (caller.kind !== "user") throw forbidden("only a person signs a device in");
  return caller;
}

/** The code as the caller may see it: pending (anyone signed in may answer it), or answered by them. */
async function visibleDevice(caller: Caller, typed: string): Promise<DeviceRow> {
  const me = person(caller);
  const key = me.id;
  const state = await wrongCodes.get(key);
  if (state && state.remainingPoints <= 0)
    throw new AppError(
      "too_many_requests",
      `too many wrong codes: try again in ${Math.ceil(state.msBeforeNext / 60_000)} minutes`,
    );
  const code = normalizeUserCode(typed);
  const row = code ? await findDeviceByUserCode(code) : null;
  const visible =
    row &&
    ((row.status === "pending" && row.expiresAt.getTime() > Date.now()) ||
      (row.userId === me.id && row.status !== "pending"));
  if (!visible) {
    await wrongCodes.penalty(key, 1);
    throw new AppError(
      "not_found",
      "no device is waiting for this code: check it, or start again on the device (codes last ten minutes)",
    );
  }
  return row;
}

const rulesOf = (v: unknown) =>
  (v as TokenScopeRule[] | null)?.map((r) => ({ repository: r.repository, actions: [...r.actions] })) ?? null;

export function presentDevice(row: DeviceRow, maxLifetimeDays: number): z.output<typeof deviceRequestView> {
  const expired = row.status === "pending" && row.expiresAt.getTime() <= Date.now();
  return {
    userCode: formatUserCode(row.userCode),
    clientId: row.clientId,
    deviceName: row.deviceName,
    userAgent: row.userAgent,
    clientIp: row.clientIp,
    service: row.service,
    requestedScopes: rulesOf(row.requestedScopes),
    status: expired ? "expired" : row.status,
    scopes: rulesOf(row.scopes),
    lifetimeDays: row.lifetimeDays,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    maxLifetimeDays,
  };
}

export async function lookUpDevice(caller: Caller, typed: string) {
  const row = await visibleDevice(caller, typed);
  return presentDevice(row, (await getSettings()).refreshTokenTtlDays);
}

/** Approves a pending code for the caller, within their own access and the policy's lifetime. */
export async function approveDevice(caller: Caller, typed: string, input: ApproveDeviceInput, actor: AuditActor) {
  const row = await visibleDevice(caller, typed);
  const me = person(caller);
  const { refreshTokenTtlDays } = await getSettings();
  const lifetimeDays = input.lifetimeDays ?? refreshTokenTtlDays;
  if (lifetimeDays > refreshTokenTtlDays)
    throw new AppError(
      "validation_failed",
      `a signed-in device may last at most ${refreshTokenTtlDays} days (administrator's policy)`,
    );
  const scopes = input.scopes ?? null;
  if (scopes && me.role !== "admin") checkOwnerRules(scopes, await loadUserRules(me.id));
  return answer(me.id, row, actor, "approved", { scopes, lifetimeDays }, refreshTokenTtlDays);
}

export async function denyDevice(caller: Caller, typed: string, actor: AuditActor) {
  const row = await visibleDevice(caller, typed);
  const { refreshTokenTtlDays } = await getSettings();
  return answer(person(caller).id, row, actor, "denied", {}, refreshTokenTtlDays);
}

async function answer(
  userId: string,
  row: DeviceRow,
  actor: AuditActor,
  status: "approved" | "denied",
  choice: { scopes?: TokenScopeRule[] | null; lifetimeDays?: number },
  maxLifetimeDays: number,
) {
  const now = new Date();
  const updated = await transaction(async (tx) => {
    const ok = await answerDevice(tx, row.id, "pending", {
      status,
      userId,
      answeredAt: now,
      ...(status === "approved"
        ? {
            lifetimeDays: choice.lifetimeDays,
            ...(choice.scopes ? { scopes: choice.scopes as unknown as Prisma.InputJsonValue } : {}),
          }
        : {}),
    });
    if (!ok || row.expiresAt <= now)
      throw new AppError("conflict", "this code was answered already or has expired: start again on the device");
    await appendAudit(tx, [
      {
        ...actor,
        action: status === "approved" ? "device.approve" : "device.deny",
        outcome: "success",
        details: {
          deviceId: row.id,
          clientId: row.clientId,
          deviceName: row.deviceName,
          service: row.service,
          ...(status === "approved" ? { scopes: choice.scopes ?? "owner", lifetimeDays: choice.lifetimeDays } : {}),
        },
      },
    ]);
    return findDeviceByUserCode(row.userCode, tx);
  });
  return presentDevice(updated!, maxLifetimeDays);
}
