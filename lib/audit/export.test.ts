import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell } from "./export";

test("CSV cells: quoting, and formulas neutralised", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell('a "quoted", text'), '"a ""quoted"", text"');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  for (const f of ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tcmd", "\rx"]) {
    const c = csvCell(f);
    assert.ok(c.startsWith("'") || c.startsWith("\"'"), `${JSON.stringify(f)} -> ${c}`);
  }
  assert.equal(csvCell({ a: 1 }), '"{""a"":1}"');
});
