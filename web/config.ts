// The channel tab's configuration page (the manifest's configurableTabs configurationUrl): the coordinator chooses
// this channel's cohort or a whole area, and Teams saves the tab with pages.config.setConfig when they select Save.
// Opened outside Teams (local mode), it shows the address the tab would get, so the choice can be tried in a browser.
import { app, authentication, pages } from '@microsoft/teams-js';

interface Me { name: string; roles: string[]; local: boolean; areas: string[] }
interface CohortView { scope: { kind: 'area' | 'cohort'; id: string; name: string } }
interface Choice { entityId: string; query: string; name: string }

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
let token: string | undefined;
let inTeams = false;

type Answer = { ok: true; body: unknown } | { ok: false; status: number; message: string };

async function api(path: string): Promise<Answer> {
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as { message?: string };
  return response.ok ? { ok: true, body } : { ok: false, status: response.status, message: body.message ?? `The dashboard answered ${response.status}.` };
}

/** Inside Teams: initialise, follow the theme, get the SSO token and the channel. Outside: nothing of that. */
async function joinTeams(): Promise<{ channelId?: string }> {
  if (window.parent === window && window.opener === null) return {};
  await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000))]);
  inTeams = true;
  const context = await app.getContext();
  document.body.dataset.theme = context.app.theme === 'dark' ? 'dark' : context.app.theme === 'contrast' ? 'contrast' : 'default';
  token = await authentication.getAuthToken();
  void app.notifySuccess();
  return context.channel?.id ? { channelId: context.channel.id } : {};
}

function chosen(cohort: Choice | undefined): Choice | undefined {
  const select = $('area') as HTMLSelectElement;
  if (($('scope-cohort') as HTMLInputElement).checked && cohort) return cohort;
  if (($('scope-area') as HTMLInputElement).checked && select.value) return { entityId: `area-${select.value}`, query: `area=${encodeURIComponent(select.value)}`, name: `Programme: ${select.value}` };
  return undefined;
}

function show(choice: Choice | undefined): void {
  const link = $('tab-link') as HTMLAnchorElement;
  $('address').hidden = choice === undefined;
  if (choice) {
    link.href = `${location.origin}/tab?${choice.query}`;
    link.textContent = `${choice.name} (${link.href})`;
  }
  if (inTeams) pages.config.setValidityState(choice !== undefined);
}

async function start(): Promise<void> {
  const message = $('message');
  try {
    const { channelId } = await joinTeams();
    const answer = await api('/tab/api/me');
    if (!answer.ok) {
      message.textContent = answer.message;
      return;
    }
    const me = answer.body as Me;
    $('local-mode').hidden = !me.local;
    let cohort: Choice | undefined;
    if (channelId) {
      const view = await api(`/tab/api/programme?channel=${encodeURIComponent(channelId)}`);
      if (view.ok) {
        const { scope } = view.body as CohortView;
        cohort = { entityId: `cohort-${scope.id}`, query: `cohort=${encodeURIComponent(scope.id)}`, name: `Programme: ${scope.name}` };
      }
    }
    if (cohort) {
      $('cohort-choice').hidden = false;
      $('scope-cohort-label').textContent = `This channel's cohort: ${cohort.name.replace(/^Programme: /, '')}`;
    }
    const select = $('area') as HTMLSelectElement;
    select.replaceChildren(...me.areas.map((area) => Object.assign(document.createElement('option'), { value: area, textContent: area })));
    $('area-choice').hidden = me.areas.length === 0;
    if (!cohort && me.areas.length === 0) {
      message.textContent = 'There is nothing to show here yet: this channel is not a cohort channel and you coordinate no area. Create a cohort first, or ask a coordinator to add the tab.';
      return;
    }
    (cohort ? ($('scope-cohort') as HTMLInputElement) : ($('scope-area') as HTMLInputElement)).checked = true;
    $('choice').hidden = false;
    message.textContent = cohort ? 'This channel is a cohort channel: the tab can show its cohort, or a whole area.' : 'This channel is not a cohort channel: choose an area.';
    const update = () => show(chosen(cohort));
    $('choice').addEventListener('change', update);
    if (inTeams) {
      pages.config.registerOnSaveHandler((saveEvent) => {
        const choice = chosen(cohort);
        if (!choice) {
          saveEvent.notifyFailure('Choose what the tab shows.');
          return;
        }
        const contentUrl = `${location.origin}/tab?${choice.query}`;
        pages.config
          .setConfig({ entityId: choice.entityId, contentUrl, websiteUrl: contentUrl, suggestedDisplayName: choice.name })
          .then(() => saveEvent.notifySuccess())
          .catch((error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : 'The tab could not be saved.'));
      });
    }
    update();
  } catch (error) {
    message.textContent = `${(error as Error).message}. Reload the page.`;
  } finally {
    $('content').setAttribute('aria-busy', 'false');
  }
}

void start();
