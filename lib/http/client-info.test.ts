import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTrustProxy } from "../config/env";
import { clientIp, compileTrust, fromTrustedProxy } from "./client-info";

test("the client is the right-most hop not added by a trusted proxy", () => {
  const none = compileTrust([]);
  const loopback = compileTrust(["loopback"]);
  const lb = compileTrust(["10.0.0.0/8"]);
  const cases: [string, string | null, string, ReturnType<typeof compileTrust>, string][] = [
    ["no proxy trusted: the header is ignored", "6.6.6.6", "203.0.113.5", none, "203.0.113.5"],
    ["trusted proxy: its peer", "198.51.100.7", "127.0.0.1", loopback, "198.51.100.7"],
    ["a client's forged first hop is not believed", "1.2.3.4, 198.51.100.7", "127.0.0.1", loopback, "198.51.100.7"],
    ["many forged hops", "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.7", "127.0.0.1", loopback, "198.51.100.7"],
    ["a chain of trusted proxies is walked", "198.51.100.7, 10.0.0.3, 10.0.0.2", "10.0.0.1", lb, "198.51.100.7"],
    ["a request not from the proxy keeps its socket address", "1.2.3.4", "203.0.113.5", loopback, "203.0.113.5"],
    ["IPv4-mapped sockets are one address", null, "::ffff:203.0.113.5", none, "203.0.113.5"],
    ["IPv6 is written one way", null, "2001:DB8:0:0::1", none, "2001:db8::1"],
    ["a garbage hop from the proxy falls back to the socket", "<script>", "127.0.0.1", loopback, "127.0.0.1"],
  ];
  for (const [name, xff, socket, trust, expected] of cases) assert.equal(clientIp(xff, socket, trust), expected, name);
  assert.equal(fromTrustedProxy("127.0.0.1", loopback), true);
  assert.equal(fromTrustedProxy("203.0.113.5", loopback), false);
  assert.equal(fromTrustedProxy(undefined, loopback), false);
  assert.equal(fromTrustedProxy("127.0.0.1", none), false);
});

test("PORTCULLIS_TRUST_PROXY: off, this machine, or a checked list", () => {
  assert.deepEqual(parseTrustProxy("0"), []);
  assert.deepEqual(parseTrustProxy("false"), []);
  assert.deepEqual(parseTrustProxy("1"), ["loopback"]);
  assert.deepEqual(parseTrustProxy("10.0.0.0/8, uniquelocal,::1"), ["10.0.0.0/8", "uniquelocal", "::1"]);
  assert.throws(() => parseTrustProxy("10.0.0.0/8,everyone"), /"everyone" is not an address/);
  assert.throws(() => parseTrustProxy("10.0.0.0/99"), /PORTCULLIS_TRUST_PROXY/);
});
