// The programme dashboard page, in a Teams tab: Teams' theme and SSO token through @microsoft/teams-js, figures from
// the bot's /tab/api, charts with Chart.js, each chart with a table holding the same figures (the accessible version).
import { app, authentication } from '@microsoft/teams-js';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface Figure { n: number; mean?: number; sd?: number; spread?: { value: number; count: number }[] }
interface View {
  scope: { kind: 'area' | 'cohort'; id: string; name: string };
  computedAt: string;
  cohorts: { id: string; name: string; channelMade: boolean; members: number; membersAdded: number; workshops: { number: number; status: string; localStart?: string }[]; surveysOpen: string[]; leftToDo: string[] }[];
  uptake: { available: boolean; message?: string; open?: number; takenPart?: number; started?: number; percent?: number; byPhase?: { phase: string; open: number; takenPart: number; started: number; percent: number }[]; notYet?: { urn: string; name: string; phase: string; progress: string }[]; notYetCount?: number };
  evaluation: {
    pulse: { baselineRespondents: number; followUpRespondents: number; cohortsWithBaseline: number; cohortsWithFollowUp: number; measures: { questionId: string; label: string; text: string; baseline: Figure; followUp: Figure; change?: number }[] };
    cascade: { respondents: number; cohorts: number; dimensions: { letter: string; name: string; now: Figure; inAYear: Figure; gap?: number }[] };
  };
  fiveSteps: { message: string };
  activity: { message: string };
}
interface Me { name: string; roles: string[]; local: boolean; areas: string[] }

const SUPPRESSED = 'fewer than 3';
const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
let token: string | undefined;
let scopeQuery = '';
const charts: Chart[] = [];

function setTheme(theme: string | undefined): void {
  document.body.dataset.theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
  charts.forEach((chart) => {
    restyle(chart);
    chart.update();
  });
}

function cssVar(name: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim();
}

function restyle(chart: Chart): void {
  const colours = [cssVar('--accent'), cssVar('--second')];
  chart.data.datasets.forEach((dataset, index) => {
    dataset.backgroundColor = colours[index % colours.length];
  });
  const fg = cssVar('--fg');
  for (const scale of Object.values(chart.options.scales ?? {})) {
    if (scale?.ticks) scale.ticks.color = fg;
  }
  if (chart.options.plugins?.legend?.labels) chart.options.plugins.legend.labels.color = fg;
}

/** In Teams: initialise, follow its theme, and get the SSO token. Outside Teams (a browser, local mode): none of that. */
async function joinTeams(): Promise<{ channelId?: string }> {
  const query = new URLSearchParams(location.search);
  setTheme(query.get('theme') ?? undefined);
  const inTeams = window.parent !== window || window.opener !== null;
  if (!inTeams) return {};
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000))]);
    const context = await app.getContext();
    setTheme(context.app.theme);
    app.registerOnThemeChangeHandler(setTheme);
    token = await authentication.getAuthToken();
    void app.notifySuccess();
    return context.channel?.id ? { channelId: context.channel.id } : {};
  } catch {
    return {};
  }
}

async function api<T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const response = await fetch(path, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `The dashboard answered ${response.status}.`);
  return body;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function table(caption: string, headers: string[], rows: string[][]): HTMLTableElement {
  const t = el('table');
  t.append(el('caption', caption));
  const head = el('tr');
  headers.forEach((h) => head.append(el('th', h, { scope: 'col' })));
  t.append(el('thead'));
  t.tHead?.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      const td = i === 0 ? el('th', cell, { scope: 'row' }) : el('td', cell);
      if (cell.startsWith(SUPPRESSED)) td.classList.add('suppressed');
      tr.append(td);
    });
    body.append(tr);
  }
  t.append(body);
  return t;
}

function chart(section: HTMLElement, label: string, labels: string[], series: { legend: string; values: (number | null)[] }[], max: number): void {
  const box = el('div', undefined, { class: 'chart' });
  const canvas = el('canvas', undefined, { role: 'img', 'aria-label': `${label}. The table below holds the same figures.` });
  box.append(canvas);
  section.append(box);
  const made = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: series.map((s) => ({ label: s.legend, data: s.values })) },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max } } },
  });
  restyle(made);
  made.update();
  charts.push(made);
}

const figureText = (f: Figure): string => (f.mean === undefined ? `${SUPPRESSED} (n=${f.n})` : `${f.mean.toFixed(2)} (n=${f.n}, sd ${(f.sd ?? 0).toFixed(2)})`);
const spreadText = (f: Figure): string => (f.spread ? f.spread.map((p) => `${p.value}:${p.count}`).join(' ') : SUPPRESSED);
const signed = (v: number | undefined): string => (v === undefined ? SUPPRESSED : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

function section(id: string, title: string, note: string): HTMLElement {
  const s = el('section', undefined, { id, 'aria-labelledby': `${id}-title` });
  s.append(el('h2', title, { id: `${id}-title` }), el('p', note, { class: 'muted' }));
  return s;
}

function render(view: View): void {
  charts.splice(0).forEach((c) => c.destroy());
  const content = $('content');
  content.replaceChildren();
  const computed = `Computed ${new Date(view.computedAt).toLocaleString('en-GB', { timeZone: 'Europe/London' })}.`;
  $('title').textContent = `Programme dashboard: ${view.scope.name}`;

  const cohorts = section('cohorts', 'Cohorts', `${view.cohorts.length} ${view.cohorts.length === 1 ? 'cohort' : 'cohorts'}. ${computed}`);
  cohorts.append(
    table(
      'Each cohort and what is left to do',
      ['Cohort', 'Channel', 'Members added', 'Workshop 1', 'Workshop 2', 'Surveys open', 'Left to do'],
      view.cohorts.map((c) => [c.name, c.channelMade ? 'made' : 'not yet', `${c.membersAdded} of ${c.members}`, ...c.workshops.map((w) => `${w.status}${w.localStart ? ` ${w.localStart.replace('T', ' ')}` : ''}`), c.surveysOpen.join(', ') || 'none', c.leftToDo.join(' ') || 'nothing']),
    ),
  );

  const u = view.uptake;
  const uptake = section('uptake', 'Uptake', u.available ? `${u.takenPart ?? 0} of ${u.open ?? 0} open schools have taken part (${u.percent ?? 0}%); ${u.started ?? 0} have started. ${computed}` : u.message ?? '');
  if (u.available && u.byPhase) {
    chart(uptake, 'Per cent of open schools taken part, by phase', u.byPhase.map((p) => p.phase), [{ legend: 'Per cent taken part', values: u.byPhase.map((p) => p.percent) }], 100);
    uptake.append(table('Uptake by phase', ['Phase', 'Open schools', 'Taken part', 'Started', 'Per cent taken part'], u.byPhase.map((p) => [p.phase, String(p.open), String(p.takenPart), String(p.started), `${p.percent}%`])));
    uptake.append(table(`Schools not yet taken part (${u.notYetCount ?? 0})`, ['School', 'URN', 'Phase', 'Progress'], (u.notYet ?? []).map((s) => [s.name, s.urn, s.phase, s.progress])));
  }

  const { pulse, cascade } = view.evaluation;
  const evaluation = section('evaluation', 'Evaluation: pulse survey, baseline and follow-up', `Baseline: ${pulse.baselineRespondents} people in ${pulse.cohortsWithBaseline} cohorts; follow-up: ${pulse.followUpRespondents} people in ${pulse.cohortsWithFollowUp} cohorts. Figures from fewer than 3 people are suppressed. ${computed}`);
  chart(evaluation, 'Mean rating per measure, baseline and follow-up', pulse.measures.map((m) => m.label), [
    { legend: 'Baseline', values: pulse.measures.map((m) => m.baseline.mean ?? null) },
    { legend: 'Follow-up', values: pulse.measures.map((m) => m.followUp.mean ?? null) },
  ], 5);
  evaluation.append(table('Baseline against follow-up per measure', ['Measure', 'Baseline mean (n, sd)', 'Baseline spread', 'Follow-up mean (n, sd)', 'Follow-up spread', 'Change'], pulse.measures.map((m) => [m.text, figureText(m.baseline), spreadText(m.baseline), figureText(m.followUp), spreadText(m.followUp), signed(m.change)])));

  const cas = section('cascade', 'Evaluation: CASCADE, now and in a year', `${cascade.respondents} people in ${cascade.cohorts} cohorts. Figures from fewer than 3 people are suppressed. ${computed}`);
  chart(cas, 'Mean rating per CASCADE dimension, now and in a year', cascade.dimensions.map((d, i) => `${i + 1}. ${d.letter}`), [
    { legend: 'Now', values: cascade.dimensions.map((d) => d.now.mean ?? null) },
    { legend: 'In a year', values: cascade.dimensions.map((d) => d.inAYear.mean ?? null) },
  ], 5);
  cas.append(table('CASCADE per dimension', ['Dimension', 'Now (n, sd)', 'In a year (n, sd)', 'Gap'], cascade.dimensions.map((d) => [`${d.letter}: ${d.name}`, figureText(d.now), figureText(d.inAYear), signed(d.gap)])));

  content.append(cohorts, uptake, evaluation, cas, section('five-steps', '5 Steps', view.fiveSteps.message), section('activity', 'Network and panel activity', view.activity.message));
  content.setAttribute('aria-busy', 'false');
}

function showProblem(message: string): void {
  const content = $('content');
  content.replaceChildren(el('p', message, { id: 'message', role: 'alert' }));
  content.setAttribute('aria-busy', 'false');
}

async function load(): Promise<void> {
  try {
    render(await api<View>(`/tab/api/programme?${scopeQuery}`));
  } catch (error) {
    showProblem((error as Error).message);
  }
}

async function report(format: 'pdf' | 'xlsx'): Promise<void> {
  const status = $('report-status');
  status.textContent = 'Making the report…';
  try {
    const link = await api<{ url: string; fileName: string }>(`/tab/api/report?${scopeQuery}&format=${format}`, 'POST');
    status.replaceChildren(el('a', `Download ${link.fileName}`, { href: link.url, id: `report-link-${format}` }));
  } catch (error) {
    status.textContent = (error as Error).message;
  }
}

async function start(): Promise<void> {
  const { channelId } = await joinTeams();
  try {
    const me = await api<Me>('/tab/api/me');
    $('who').textContent = `Signed in as ${me.name}${me.roles.length > 0 ? ` (${me.roles.join(', ')})` : ''}.`;
    $('local-mode').hidden = !me.local;
    const select = $('area') as HTMLSelectElement;
    const wanted = new URLSearchParams(location.search);
    // What the tab was saved with comes first (the configuration page writes ?cohort= or ?area= into its address);
    // a channel tab without either shows the channel's own cohort.
    const cohort = wanted.get('cohort');
    if (cohort || (channelId && !wanted.get('area'))) {
      select.parentElement?.querySelector('label')?.remove();
      select.remove();
      scopeQuery = cohort ? `cohort=${encodeURIComponent(cohort)}` : `channel=${encodeURIComponent(channelId ?? '')}`;
    } else {
      if (me.areas.length === 0) {
        showProblem('There is no area to show yet: import a school register or create a cohort first.');
        return;
      }
      select.replaceChildren(...me.areas.map((area) => el('option', area, { value: area })));
      const chosen = wanted.get('area');
      if (chosen && me.areas.includes(chosen)) select.value = chosen;
      scopeQuery = `area=${encodeURIComponent(select.value)}`;
      select.addEventListener('change', () => {
        scopeQuery = `area=${encodeURIComponent(select.value)}`;
        void load();
      });
    }
    $('report-pdf').addEventListener('click', () => void report('pdf'));
    $('report-xlsx').addEventListener('click', () => void report('xlsx'));
    await load();
  } catch (error) {
    showProblem((error as Error).message);
  }
}

void start();
