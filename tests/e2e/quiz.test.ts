/**
 * The region quiz end to end (browser build, Chromium, real AAL3): with a seed, the questions the window asks (the
 * region highlighted, four choices in order) are those `brain-atlas quiz --seed S --json` prints for the same atlas
 * variant; answering every one right (by a choice, or by typing the name loosely) gives a full score; answering one
 * wrong lists that region in the review; `?seed=` in the address fills the Seed field.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../core/api';
import type { WebServer } from '../../main/web/web-server';
import { browserReady, chooseAtlasAt2mm, openApp, realAtlasService } from '../helpers/browser';
import { captureCli } from '../helpers/run-cli';
import { SHARED } from '../helpers/shared-atlases';

const ready = browserReady('quiz');
if (!SHARED) console.warn('quiz e2e tests skipped: no atlas folder (set BRAIN_ATLAS_PATH)');

const SEED = 4242;
const COUNT = 5;

interface Question {
  region: { value: number; name: string };
  choices: string[];
}

describe.skipIf(!ready || !SHARED)('the region quiz', () => {
  let api: AtlasApi;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let questions: Question[];

  beforeAll(async () => {
    api = await realAtlasService();
    ({ server, browser, page, errors } = await openApp(api, { viewport: { width: 1280, height: 1000 } }));
    const env = {
      BRAIN_ATLAS_PATH: SHARED as string,
      BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-quiz-')),
      BRAIN_ATLAS_NO_INSTALLED: '1',
    };
    const cli = await captureCli(env, [
      'quiz',
      '--atlas',
      'aal3',
      '--res',
      '2',
      '--seed',
      String(SEED),
      '--count',
      String(COUNT),
      '--json',
    ]);
    expect(cli.code).toBe(0);
    questions = JSON.parse(cli.out);
    expect(questions).toHaveLength(COUNT);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const quiz = () => page.getByRole('region', { name: 'Quiz' });
  const score = () => quiz().getByRole('status', { name: 'Score' });

  async function start() {
    await quiz().getByRole('combobox', { name: 'Quiz atlas' }).selectOption('aal3');
    await quiz().getByRole('combobox', { name: 'Quiz mode' }).selectOption({ label: 'Name it' });
    await quiz().getByRole('spinbutton', { name: 'Questions' }).fill(String(COUNT));
    await quiz().getByRole('spinbutton', { name: 'Seed' }).fill(String(SEED));
    await quiz().getByRole('button', { name: 'Start quiz' }).click();
    await quiz().getByRole('group', { name: 'Answers' }).waitFor({ timeout: 60_000 });
  }

  /** The choices shown now, in order, after checking the prompt is question n. */
  async function choicesOf(n: number): Promise<string[]> {
    await expect.poll(() => quiz().getByText(`Question ${n} of ${COUNT}:`).count()).toBe(1);
    return quiz().getByRole('group', { name: 'Answers' }).getByRole('button').allInnerTexts();
  }

  it('asks the questions the command line prints, and a full score for every answer right', async () => {
    await chooseAtlasAt2mm(page, 'aal3');
    await page.getByRole('heading', { name: 'Quiz' }).click();
    await start();
    for (let i = 0; i < COUNT; i++) {
      const q = questions[i];
      expect(await choicesOf(i + 1)).toEqual(q.choices);
      if (i === 0) {
        // Typed, loosely: lower case, spaces for underscores.
        await quiz().getByRole('textbox', { name: 'Your answer' }).fill(q.region.name.replace(/_/g, ' ').toLowerCase());
        await quiz().getByRole('button', { name: 'Answer', exact: true }).click();
      } else {
        await quiz()
          .getByRole('group', { name: 'Answers' })
          .getByRole('button', { name: q.region.name, exact: true })
          .click();
      }
      await expect.poll(() => quiz().getByRole('alert').innerText()).toBe('Right!');
      await quiz()
        .getByRole('button', { name: i + 1 < COUNT ? 'Next question' : 'See the results' })
        .click();
    }
    expect(await score().innerText()).toMatch(new RegExp(`^Score ${COUNT} of ${COUNT} \\(${COUNT} questions\\)`));
    const review = quiz().getByRole('region', { name: 'Review' });
    expect(await review.innerText()).toContain('No misses.');
    expect(errors).toEqual([]);
  }, 180_000);

  it('lists a wrong answer in the review, with the region asked', async () => {
    await start();
    for (let i = 0; i < COUNT; i++) {
      const q = questions[i];
      expect(await choicesOf(i + 1)).toEqual(q.choices);
      const pick = i === 2 ? (q.choices.find((c) => c !== q.region.name) as string) : q.region.name;
      await quiz().getByRole('group', { name: 'Answers' }).getByRole('button', { name: pick, exact: true }).click();
      await expect
        .poll(() => quiz().getByRole('alert').innerText())
        .toBe(i === 2 ? `Not quite: it is ${q.region.name}.` : 'Right!');
      await quiz()
        .getByRole('button', { name: i + 1 < COUNT ? 'Next question' : 'See the results' })
        .click();
    }
    expect(await score().innerText()).toMatch(new RegExp(`^Score ${COUNT - 1} of ${COUNT}`));
    const review = quiz().getByRole('region', { name: 'Review' });
    const text = await review.innerText();
    expect(text).toContain(questions[2].region.name);
    for (const q of [0, 1, 3, 4]) expect(text).not.toContain(`${questions[q].region.name}\n`);
    expect(await review.getByRole('listitem').count()).toBe(1);
  }, 180_000);

  it('takes the seed from the page address', async () => {
    // The address keeps the launch key the server gave it.
    const url = new URL(server.url);
    url.searchParams.set('seed', '777');
    await page.goto(url.href);
    await page.getByRole('heading', { name: 'Quiz' }).click();
    expect(await quiz().getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('777');
  }, 60_000);
});
