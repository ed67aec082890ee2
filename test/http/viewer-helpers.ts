// Helpers for the issue-3 viewer tests: create + localize + set windows + publish through the API.
import { expect } from 'chai';
import type { TestApp } from '../helpers/app.js';

export const JSON_HEADERS = { 'content-type': 'application/json' };

export interface Window {
  regions: string[];
  exclude?: string[];
  start: string;
  end?: string | null;
}

export interface Item {
  id: string;
  title: string;
  shortTitle: string;
  locale: string | null;
  fallback: boolean;
  hls: string | null;
  poster: string | null;
  status: string;
}

export async function createProgramme(
  app: TestApp,
  localizations: Record<string, { title: string; shortTitle?: string; synopsis?: string }>,
  opts: { windows?: Window[]; publish?: boolean; extra?: Record<string, unknown> } = {},
): Promise<string> {
  const res = await app.api('/api/programmes', { method: 'POST', auth: true, headers: JSON_HEADERS, body: JSON.stringify({ localizations, ...opts.extra }) });
  expect(res.status, await res.clone().text()).to.equal(201);
  const { id } = (await res.json()) as { id: string };
  if (opts.windows) await setWindows(app, id, opts.windows);
  if (opts.publish !== false) expect((await app.api(`/api/programmes/${id}/publish`, { method: 'POST', auth: true })).status).to.equal(200);
  return id;
}

export async function setWindows(app: TestApp, id: string, windows: Window[]): Promise<void> {
  const res = await app.api(`/api/programmes/${id}/availability`, { method: 'PUT', auth: true, headers: JSON_HEADERS, body: JSON.stringify({ windows }) });
  expect(res.status, await res.clone().text()).to.equal(200);
}

export async function listIds(app: TestApp, query: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await app.api(`/api/programmes${query}`, { headers });
  expect(res.status).to.equal(200);
  return ((await res.json()) as { items: Item[] }).items.map((i) => i.id);
}

export async function getItem(app: TestApp, id: string, query = '', headers: Record<string, string> = {}): Promise<{ status: number; body: Item & { error?: { code: string; message: string; availableFrom: string | null } }; headers: Headers }> {
  const res = await app.api(`/api/programmes/${id}${query}`, { headers });
  return { status: res.status, body: (await res.json()) as never, headers: res.headers };
}

export const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
