// The archive's sections of report.html in a real headless Chromium: over the three
// episodes of tests/fixtures/archive/ (which disagree on a founding month and on a monthly
// user count), the index shows the conflicts first with both evidences side by side, each
// side's link leads to its fact on its episode's page and marks its evidence lines; the
// timelines index leads to Kimi's page, where its users are charted, every point a link to
// its fact. No network, no console errors. Saves target/report-archive.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const bin = process.env.TFACTS_BIN || path.join(root, "target/debug/tfacts");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function makeArchive() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfacts-archive-"));
  fs.cpSync(path.join(root, "tests/fixtures/archive/transcripts"), path.join(dir, "transcripts"), {
    recursive: true,
  });
  fs.cpSync(path.join(root, "dictionaries"), path.join(dir, "dictionaries"), { recursive: true });
  execFileSync(bin, ["run"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  return dir;
}

test("report.html shows the archive's conflicts and timelines", async () => {
  const dir = makeArchive();
  const conflicts = fs
    .readFileSync(path.join(dir, "output/conflicts.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  assert.equal(conflicts.length, 2);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tfacts-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(dir, "output/report.html")).href, { waitUntil: "load" });
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), []);

    // The conflicts section comes before the episodes' table, one block per conflict, each
    // with two sides whose evidence is visible side by side.
    const index = page.url();
    const order = await page.evaluate(() => {
      const c = document.getElementById("conflicts");
      const ep = document.getElementById("episodes");
      return c.compareDocumentPosition(ep) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, "conflicts are not before the episodes");
    const blocks = page.locator(".conflict");
    assert.equal(await blocks.count(), 2);
    const founded = blocks.filter({ hasText: "2023-03 vs 2023-04" });
    assert.equal(await founded.count(), 1);
    const sides = founded.locator(".side");
    assert.equal(await sides.count(), 2);
    const [left, right] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
    assert.ok(right.x > left.x + left.width - 1 && Math.abs(right.y - left.y) < 2, "not side by side");
    assert.match(await sides.nth(0).locator(".ev").textContent(), /2023年3月/);
    assert.match(await sides.nth(1).locator(".ev").textContent(), /2023年4月/);

    // The index counts the open conflicts per episode.
    const withConflicts = page.locator("#episodes tr.has-conflicts");
    assert.equal(await withConflicts.count(), 2);
    await page.locator("#conflicts").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(root, "target/report-archive.png") });

    // A side's link leads to its fact on its episode's page, its evidence lines marked.
    const factId = await sides.nth(1).getAttribute("data-fact");
    await sides.nth(1).locator("a.evidence-link").click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(200);
    assert.match(page.url(), /\/output\/report\/episode\/[^/]+\.html#fact-[0-9a-f]{16}$/);
    const fact = page.locator(`.fact[data-fact="${factId}"]`);
    assert.match((await fact.getAttribute("class")) || "", /\bactive\b/);
    const line = await fact.getAttribute("data-lines");
    const first = line.split("-")[0];
    assert.match((await page.locator(`#ep-L${first}`).getAttribute("class")) || "", /\bmarked\b/);

    // The timelines index leads to Kimi's page: its facts in time order, and one chart of its
    // monthly users, three points, each a link to a fact on its episode's page, beside a
    // table of the same values.
    await page.goto(index, { waitUntil: "load" });
    await page.locator("#timelines a", { hasText: "Kimi · mau" }).click();
    await page.waitForLoadState("load");
    assert.match(page.url(), /\/output\/report\/entity\/product~2fkimi\.html#chart0$/);
    const when = await page.locator("#facts tbody tr td:first-child").allTextContents();
    assert.ok(when.length >= 3, "Kimi's facts are not listed");
    assert.deepEqual([...when].sort(), when, "facts not in time order");
    const chart = page.locator(".chart", { hasText: "Kimi · mau" });
    assert.equal(await chart.count(), 1);
    const points = chart.locator("svg a.point");
    assert.equal(await points.count(), 3);
    for (const p of await points.all()) {
      const href = await p.getAttribute("href");
      assert.match(href, /^\.\.\/episode\/[^/]+\.html#fact-[0-9a-f]{16}$/);
    }
    assert.equal(await chart.locator("table tr[data-fact]").count(), 3);
    const target = (await points.nth(2).getAttribute("href")).split("#fact-")[1];
    await points.nth(2).click();
    await page.waitForLoadState("load");
    await page.waitForTimeout(200);
    assert.equal(await page.locator(".fact.active").count(), 1);
    assert.equal(await page.locator(".fact.active").getAttribute("data-fact"), target);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
