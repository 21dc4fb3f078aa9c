// Opens tfacts' report.html in a real headless Chromium (Debian's package) and uses it the
// way a reviewer does: the index (episodes and entities with their counts, the search over
// them), a link to the episode's page, there highlights per type, click a fact -> its
// evidence lines marked and in view, the unreviewed filter, the copy button. No network, no console errors, no script
// from the transcript ever runs. Saves target/report-screenshot.png.
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
const episode = "2025-01-10_china-llm-startups-six-tigers";
const hostile = "<script>alert(1)</script> \"&' <img src=x onerror=alert(2)>";

function dictionaries() {
  return path.join(root, "dictionaries");
}

function tfacts(cwd, ...args) {
  return execFileSync(bin, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A temp project with the episode (plus a hostile line) and one accepted fact. */
function makeReport() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfacts-report-"));
  fs.mkdirSync(path.join(dir, "transcripts"));
  for (const ext of ["txt", "meta.json"]) {
    fs.copyFileSync(
      path.join(root, "transcripts", `${episode}.${ext}`),
      path.join(dir, "transcripts", `${episode}.${ext}`),
    );
  }
  fs.appendFileSync(path.join(dir, "transcripts", `${episode}.txt`), `${hostile}\n`);
  fs.cpSync(dictionaries(), path.join(dir, "dictionaries"), { recursive: true });
  tfacts(dir, "run");
  let data = JSON.parse(fs.readFileSync(path.join(dir, "output/dataset.json"), "utf8"));
  const facts = data.episodes[0].facts;
  assert.ok(facts.length > 0, "the episode should give at least one fact");
  tfacts(dir, "audit", "accept", facts[0].id, "--reviewer", "browser-test", "--date", "2025-02-01");
  tfacts(dir, "run");
  data = JSON.parse(fs.readFileSync(path.join(dir, "output/dataset.json"), "utf8"));
  return { dir, data };
}

test("report.html works in a real browser", async () => {
  const { dir, data } = makeReport();
  const ep = data.episodes[0];
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tfacts-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    const dialogs = [];
    const requests = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on("request", (r) => requests.push(r.url()));

    const url = pathToFileURL(path.join(dir, "output/report.html")).href;
    await page.goto(url, { waitUntil: "load" });

    // The index: the episode's row with its counts, the entities with theirs.
    const row = page.locator(`#episodes tr[data-episode="${ep.id}"]`);
    assert.equal(await row.count(), 1);
    const cells = await row.locator("td").allTextContents();
    assert.equal(cells[2], String(ep.facts.length));
    assert.equal(cells[3], String(ep.facts.filter((f) => f.audit.status === "unreviewed").length));
    const entityRows = page.locator("#entities tbody tr");
    const entities = await entityRows.count();
    assert.ok(entities > 1, "no entities on the index");
    // The search keeps only the rows that hold what is typed, and all of them when cleared.
    const someEntity = ep.facts[0].subject.name;
    await page.locator("#search").fill(someEntity);
    let kept = 0;
    for (const r of await entityRows.all()) if (await r.isVisible()) kept++;
    assert.ok(kept >= 1 && kept < entities, `${kept} of ${entities} entity rows kept`);
    assert.equal(await page.locator(`#entities tr:visible`, { hasText: someEntity }).count() >= 1, true);
    await page.locator("#search").fill("zzzz-no-such-thing");
    assert.equal(await row.isVisible(), false);
    await page.locator("#search").fill("");
    assert.equal(await row.isVisible(), true);
    assert.deepEqual(problems, [], "errors on the index");

    // Follow the link to the episode's own page.
    await row.locator("a").click();
    await page.waitForLoadState("load");
    assert.match(page.url(), new RegExp(`/output/report/episode/${ep.id}\\.html$`));
    assert.equal(await page.locator("section.episode").count(), 1);

    // Nothing but the pages themselves was loaded; the transcript's markup never ran.
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), []);
    assert.deepEqual(dialogs, []);
    const hostileText = await page
      .locator(".line .t", { hasText: "onerror" })
      .first()
      .textContent();
    assert.equal(hostileText, hostile);

    // A legend entry per type and highlights for every type the episode has.
    for (const kind of ["company", "person", "product", "number", "money", "percent", "date"]) {
      assert.equal(await page.locator(`#legend .m-${kind}`).count(), 1, `legend ${kind}`);
    }
    const kinds = [...new Set(ep.mentions.map((m) => m.type))];
    for (const kind of kinds) {
      const n = await page.locator(`mark.m-${kind}`).count();
      assert.ok(n > 0, `no highlighted ${kind} mention`);
    }

    // Click the fact whose evidence is furthest down: its lines get marked and scrolled in.
    const fact = [...ep.facts].sort((a, b) => b.evidence.line_start - a.evidence.line_start)[0];
    const factEl = page.locator(`.fact[data-fact="${fact.id}"]`);
    await factEl.scrollIntoViewIfNeeded();
    await factEl.click({ position: { x: 20, y: 10 } });
    await page.waitForTimeout(200);
    const lineId = `#ep-L${fact.evidence.line_start}`;
    assert.match((await page.locator(lineId).getAttribute("class")) || "", /\bmarked\b/);
    assert.match((await factEl.getAttribute("class")) || "", /\bactive\b/);
    const inView = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const pane = el.closest(".transcript").getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return (
        r.top >= pane.top && r.bottom <= pane.bottom && r.top >= 0 && r.bottom <= window.innerHeight
      );
    }, lineId);
    assert.ok(inView, "the evidence line is not scrolled into view");
    const marked = await page.locator(".line.marked").count();
    assert.equal(marked, fact.evidence.line_end - fact.evidence.line_start + 1);
    await page.screenshot({ path: path.join(root, "target/report-screenshot.png") });

    // The copy button gives the command (or says how to copy it) without errors.
    const copy = factEl.locator("button.copy").first();
    await copy.click();
    await page.waitForFunction(
      (el) => el.textContent !== "copy",
      await copy.elementHandle(),
      { timeout: 5000 },
    );
    assert.match((await copy.textContent()) || "", /copied|Ctrl\+C/);
    const commands = await factEl.locator(".cmd code").allTextContents();
    assert.equal(commands[0], `tfacts audit accept ${fact.id}`);
    assert.equal(commands[1], `tfacts audit reject ${fact.id}`);
    assert.ok(commands[2].startsWith(`tfacts audit correct ${fact.id} --set `), commands[2]);

    // A legend type is a toggle: its highlights go plain and come back.
    const kind = ep.mentions[0].type;
    const mark = page.locator(`mark.m-${kind}`).first();
    const colour = () => mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    const before = await colour();
    await page.locator(`#legend button[data-kind="${kind}"]`).click();
    assert.equal(await page.locator(`#legend button[data-kind="${kind}"]`).getAttribute("aria-pressed"), "false");
    assert.notEqual(await colour(), before);
    await page.locator(`#legend button[data-kind="${kind}"]`).click();
    assert.equal(await colour(), before);

    // The search box keeps only the facts that hold what is typed: a fact's subject.
    const subject = fact.subject.name;
    await page.locator("#search").fill(subject);
    const matching = ep.facts.filter(
      (f) => (f.subject.name + (f.object ? f.object.name : "") + f.evidence.text).includes(subject),
    );
    let shown = 0;
    for (const f of await page.locator(".fact").all()) if (await f.isVisible()) shown++;
    assert.ok(shown >= 1 && shown <= ep.facts.length, `${shown} facts shown`);
    assert.ok(shown >= matching.length, `${shown} shown, ${matching.length} hold ${subject}`);
    assert.equal(await factEl.isVisible(), true);
    await page.locator("#search").fill("zzzz-no-such-thing");
    assert.equal(await factEl.isVisible(), false);
    await page.locator("#search").fill("");
    assert.equal(await factEl.isVisible(), true);

    // The filter leaves only unreviewed facts.
    const unreviewed = ep.facts.filter((f) => f.audit.status === "unreviewed");
    const accepted = page.locator(`.fact[data-fact="${ep.facts[0].id}"]`);
    assert.equal(await accepted.isVisible(), true);
    await page.locator("#only-unreviewed").check();
    assert.equal(await accepted.isVisible(), false);
    let visible = 0;
    for (const f of await page.locator(".fact").all()) if (await f.isVisible()) visible++;
    assert.equal(visible, unreviewed.length);
    await page.locator("#only-unreviewed").uncheck();
    assert.equal(await accepted.isVisible(), true);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
