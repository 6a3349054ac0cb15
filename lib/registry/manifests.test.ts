import assert from "node:assert/strict";
import { test } from "node:test";
import { ManifestError, nextLast, parseImageConfig, parseManifest, sharedDigests } from "./manifests";

test("image manifests, indexes and configs are read; schema 1 and junk are refused", () => {
  const image = parseManifest(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: "sha256:c", size: 100 },
      layers: [
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: "sha256:l1", size: 1000 },
        { mediaType: "x", digest: "sha256:l2", size: 24 },
      ],
    }),
  );
  assert.equal(image.kind, "image");
  assert.equal(image.kind === "image" && image.size, 1124);
  const index = parseManifest(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: "sha256:a",
          size: 1,
          platform: { os: "linux", architecture: "amd64" },
        },
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: "sha256:b",
          size: 1,
          platform: { os: "linux", architecture: "arm64", variant: "v8" },
        },
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: "sha256:att",
          size: 1,
          platform: { os: "unknown", architecture: "unknown" },
        },
      ],
    }),
  );
  assert.deepEqual(index.kind === "index" && index.platforms, ["linux/amd64", "linux/arm64/v8"]);
  assert.throws(() => parseManifest(JSON.stringify({ schemaVersion: 1, fsLayers: [] })), ManifestError);
  assert.throws(() => parseManifest("<html>"), /not JSON/);
  const cfg = parseImageConfig(
    JSON.stringify({
      created: "2026-01-01T00:00:00Z",
      os: "linux",
      architecture: "amd64",
      config: { Labels: { a: "b" } },
      history: [{ created_by: "COPY x", empty_layer: false }],
    }),
  );
  assert.deepEqual([cfg.created, cfg.labels, cfg.history[0].createdBy], ["2026-01-01T00:00:00Z", { a: "b" }, "COPY x"]);
});

test("Link headers give the next page's last; shared digests are grouped", () => {
  assert.equal(nextLast('</v2/_catalog?last=team%2Fapp&n=2>; rel="next"'), "team/app");
  assert.equal(nextLast(undefined), null);
  assert.deepEqual(
    sharedDigests([
      { tag: "v1", digest: "sha256:a" },
      { tag: "latest", digest: "sha256:a" },
      { tag: "v2", digest: "sha256:b" },
    ]),
    { "sha256:a": ["v1", "latest"] },
  );
});
