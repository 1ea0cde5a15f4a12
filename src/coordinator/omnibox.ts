import { browser } from 'wxt/browser';
import { detectPhoneNumbers } from '../detection/detect';
import { regionFromLocale } from '../detection/region';
import type { HistoryStore } from '../shared/history/history-store';
import { t } from '../shared/i18n/t';
import { readDetectionSettings } from '../shared/settings/detection-settings';

export interface OmniboxSuggestion {
  content: string;
  description: string;
}

/** XML-escaped, as the omnibox's description markup requires. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Suggestions for "call <text>" in the address bar: the number in the text, normalised, then
 * recent calls whose name or number matches.
 */
export async function suggestionsFor(text: string, history: Pick<HistoryStore, 'list'>): Promise<OmniboxSuggestion[]> {
  const query = text.trim();
  if (!query) return [];
  const settings = await readDetectionSettings();
  const region = settings.defaultRegion || regionFromLocale(browser.i18n.getUILanguage());
  const out: OmniboxSuggestion[] = [];
  const [number] = detectPhoneNumbers(query, { defaultRegion: region });
  if (number) out.push({ content: number.tel, description: escapeXml(t('omniboxCall', number.formatted)) });
  const needle = query.toLowerCase();
  const seen = new Set(out.map((s) => s.content));
  for (const entry of await history.list()) {
    if (out.length >= 6) break;
    if (seen.has(entry.target)) continue;
    if (!entry.number.toLowerCase().includes(needle) && !(entry.name ?? '').toLowerCase().includes(needle)) continue;
    seen.add(entry.target);
    out.push({ content: entry.target, description: `${escapeXml(t('omniboxCall', entry.name ? `${entry.name} (${entry.number})` : entry.number))} <dim>${escapeXml(t('omniboxRecent'))}</dim>` });
  }
  return out;
}

/** What Enter dials: a suggestion's content as it is, or the number found in typed text. */
export async function omniboxTarget(text: string, history: Pick<HistoryStore, 'list'>): Promise<string | undefined> {
  const query = text.trim();
  if (/^(tel|sips?):/i.test(query)) return query;
  const [first] = await suggestionsFor(query, history);
  return first?.content ?? (query || undefined);
}

export function startOmnibox(dial: (target: string) => Promise<unknown>, history: Pick<HistoryStore, 'list'>): (text: string) => Promise<void> {
  const enter = async (text: string) => {
    const target = await omniboxTarget(text, history);
    if (target) await dial(target);
  };
  browser.omnibox.setDefaultSuggestion({ description: escapeXml(t('omniboxDefault')) });
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    void suggestionsFor(text, history).then(suggest, () => suggest([]));
  });
  browser.omnibox.onInputEntered.addListener((text) => void enter(text));
  return enter;
}
