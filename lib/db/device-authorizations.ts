import { db, type Prisma, type Tx } from "./client";

export const deviceSelect = {
  id: true,
  userCode: true,
  clientId: true,
  deviceName: true,
  userAgent: true,
  clientIp: true,
  service: true,
  requestedScopes: true,
  status: true,
  userId: true,
  scopes: true,
  lifetimeDays: true,
  interval: true,
  lastPolledAt: true,
  expiresAt: true,
  answeredAt: true,
  refreshTokenId: true,
  createdAt: true,
} as const;
export type DeviceRow = Prisma.DeviceAuthorizationGetPayload<{ select: typeof deviceSelect }>;

export function createDeviceAuthorization(tx: Tx, data: Prisma.DeviceAuthorizationUncheckedCreateInput) {
  return tx.deviceAuthorization.create({ data, select: deviceSelect });
}

/** How many codes an address asked for since `since`: the issuance limit, shared by every replica. */
export function countDeviceRequestsFrom(clientIp: string, since: Date) {
  return db().deviceAuthorization.count({ where: { clientIp, createdAt: { gte: since } } });
}

export function countPendingDeviceRequests(now = new Date()) {
  return db().deviceAuthorization.count({ where: { status: "pending", expiresAt: { gt: now } } });
}

export function findDeviceByCodeHash(deviceCodeHash: string) {
  return db().deviceAuthorization.findUnique({ where: { deviceCodeHash }, select: deviceSelect });
}

export function findDeviceByUserCode(userCode: string, tx: Tx = db()) {
  return tx.deviceAuthorization.findUnique({ where: { userCode }, select: deviceSelect });
}

/**
 * Records a poll if no other poll came in since the one this caller read (`lastPolledAt`):
 * concurrent polls of one code (two replicas) cannot both pass. False: someone polled meanwhile.
 */
export async function claimPoll(id: string, lastPolledAt: Date | null, now: Date): Promise<boolean> {
  const r = await db().deviceAuthorization.updateMany({ where: { id, lastPolledAt }, data: { lastPolledAt: now } });
  return r.count === 1;
}

export function slowDown(id: string, interval: number, now: Date) {
  return db().deviceAuthorization.update({
    where: { id },
    data: { interval, lastPolledAt: now },
    select: { id: true },
  });
}

/** Moves a code from `from` to the answer in `data`; false when it was no longer in `from` (answered, used). */
export async function answerDevice(
  tx: Tx,
  id: string,
  from: "pending" | "approved",
  data: Prisma.DeviceAuthorizationUncheckedUpdateManyInput,
): Promise<boolean> {
  const r = await tx.deviceAuthorization.updateMany({ where: { id, status: from }, data });
  return r.count === 1;
}

/** Codes past their lifetime by a day are of no use to anyone: removed (their audit events stay). */
export function deleteStaleDeviceAuthorizations(before: Date) {
  return db().deviceAuthorization.deleteMany({ where: { expiresAt: { lt: before } } });
}
