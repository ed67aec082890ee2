// The player's live translation updates: a `change` event for a loaded language fetches the new
// version (?v=), swaps the bundle (removed keys fall back again) and tells the subscribers; other
// namespaces, languages not loaded and an older version finishing late are ignored.
import { expect } from 'chai';
import { createI18n } from '../../../player/src/core/i18n.js';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  closed = false;
  private readonly handlers: Array<(e: { data: string }) => void> = [];
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  readonly opens: Array<() => void> = [];
  addEventListener(type: string, fn: (e: { data: string }) => void): void {
    if (type === 'change') this.handlers.push(fn);
    if (type === 'open') this.opens.push(fn as () => void);
  }
  open(): void {
    for (const fn of this.opens) fn();
  }
  emit(data: unknown): void {
    for (const fn of this.handlers) fn({ data: JSON.stringify(data) });
  }
  close(): void {
    this.closed = true;
  }
}

function fakeFetch(bundles: Record<string, Record<string, unknown>>, seen: string[], delays: Record<string, number> = {}): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    seen.push(url);
    await new Promise((r) => setTimeout(r, delays[url] ?? 0));
    const bundle = bundles[url];
    return new Response(bundle ? JSON.stringify(bundle) : 'no', { status: bundle ? 200 : 404 });
  }) as typeof fetch;
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('player i18n: live updates from the translator’s editor', () => {
  it('swaps a loaded bundle for the announced version and relabels', async () => {
    const seen: string[] = [];
    const fetchImpl = fakeFetch(
      {
        '/locales/fr/player.json': { app: { tagline: 'La chaîne olympique' } },
        '/locales/en/player.json': { app: { tagline: 'The Olympic Channel', name: 'Podium' } },
        '/locales/fr/player.json?v=v2': { app: { tagline: 'La chaîne des Jeux', name: 'Podium FR' } },
        '/locales/fr/player.json?v=v3': { app: { tagline: 'La chaîne des Jeux olympiques' } },
      },
      seen,
      { '/locales/fr/player.json?v=v2': 80 },
    );
    const i18n = await createI18n('fr', fetchImpl);
    expect(i18n.t('app.tagline')).to.equal('La chaîne olympique');
    let updates = 0;
    const languages: string[] = [];
    i18n.onUpdate(() => updates++);
    i18n.onChange((l) => languages.push(l));
    const stop = i18n.followUpdates(FakeEventSource as unknown as typeof EventSource);
    const source = FakeEventSource.last!;
    expect(source.url).to.equal('/api/i18n/events');

    source.emit({ locale: 'fr', ns: 'server', version: 'x' }); // not the player's namespace
    source.emit({ locale: 'de', ns: 'player', version: 'x' }); // a language not loaded
    source.emit({ locale: 'fr', ns: 'player', version: 'v2' }); // slow
    source.emit({ locale: 'fr', ns: 'player', version: 'v3' }); // newer, fast
    await tick(150);
    expect(seen.filter((u) => u.includes('?v='))).to.deep.equal(['/locales/fr/player.json?v=v2', '/locales/fr/player.json?v=v3']);
    expect(i18n.t('app.tagline')).to.equal('La chaîne des Jeux olympiques'); // v2 arrived late and was dropped
    expect(i18n.t('app.name')).to.equal('Podium'); // not in v3: English again
    expect(updates).to.equal(1);
    expect(languages).to.deep.equal(['fr']);
    stop();
    expect(source.closed).to.equal(true);
  });

  it('after a reconnect, catches up with a save it missed (GET /api/i18n/version)', async () => {
    const seen: string[] = [];
    const versions = { ja: { player: 'v1' } };
    const fetchImpl = fakeFetch({ '/locales/ja/player.json': { app: { tagline: 'オリンピックチャンネル' } }, '/locales/en/player.json': { app: { tagline: 'The Olympic Channel' } }, '/locales/ja/player.json?v=v2': { app: { tagline: 'オリンピック専門チャンネル' } } }, seen);
    const withVersions = (async (input: string | URL | Request, init?: RequestInit) =>
      String(input) === '/api/i18n/version' ? new Response(JSON.stringify({ versions })) : fetchImpl(input, init)) as typeof fetch;
    const i18n = await createI18n('ja', withVersions);
    i18n.followUpdates(FakeEventSource as unknown as typeof EventSource);
    const source = FakeEventSource.last!;
    source.open(); // first connection: baseline v1, nothing fetched
    await tick();
    expect(seen.some((u) => u.includes('?v='))).to.equal(false);
    versions.ja.player = 'v2'; // saved while the stream was down
    source.open();
    await tick(50);
    expect(i18n.t('app.tagline')).to.equal('オリンピック専門チャンネル');
  });
});
