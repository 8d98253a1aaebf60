// What the welcome card says in each kind of conversation: what the bot does, and what to type there first.
import type { ConversationScope } from '../../../events';

export interface WelcomeText {
  readonly intro: string;
  readonly firstSteps: readonly { readonly usage: string; readonly description: string }[];
  readonly closing: string;
}

const WHAT_IT_DOES =
  'I help school and college staff and children and young people\'s mental health services work together: referral contacts with urgent help first, network posts between meetings, CASCADE and pulse surveys, and the anonymous wellbeing panel.';

/** The welcome for a conversation of `scope`; `botName` is how people @mention the bot there. */
export function welcomeText(scope: ConversationScope, botName: string): WelcomeText {
  if (scope === 'personal') {
    return {
      intro: `Hello, I am the Link Programme bot. ${WHAT_IT_DOES}`,
      firstSteps: [
        { usage: 'help', description: 'See every command you may use here.' },
        { usage: 'contacts anxiety support for a year 8 pupil', description: 'Find referral contacts for a need and an age (name your area the first time).' },
        { usage: 'panel submit', description: 'Bring a case to the wellbeing panel anonymously.' },
      ],
      closing: 'Type a command in this chat; nobody else sees it.',
    };
  }
  const where = scope === 'channel' ? 'this team' : 'this chat';
  return {
    intro: `Hello, I am the Link Programme bot, added to ${where}. ${WHAT_IT_DOES}`,
    firstSteps: [
      { usage: `@${botName} help`, description: 'See the commands you may use here.' },
      { usage: `@${botName} find <words>`, description: 'Search this network\'s posts; share and ask post to it.' },
      { usage: `@${botName} network create <area> <name>`, description: `Coordinators: make ${scope === 'channel' ? 'a channel' : 'this chat'} an area's half-termly network.` },
    ],
    closing: `In ${where}, @mention me with a command. For referral contacts or the wellbeing panel, open a 1:1 chat with me.`,
  };
}

/** The urgent-help line the welcome and help cards close with: 999 first, then Childline, any time. */
export const URGENT_LINE = {
  text: 'If a child or young person is in immediate danger, call 999 now. Children and young people can call Childline free on 0800 1111, any time.',
  calls: [
    { title: 'Call 999', tel: '999' },
    { title: 'Call 0800 1111', tel: '08001111' },
  ],
} as const;

/** The urgent-help line as the cards show it: the button reads "Call 0800 1111", the link dials the digits. */
export function urgentLineView(): { text: string; calls: { title: string; url: string }[] } {
  return { text: URGENT_LINE.text, calls: URGENT_LINE.calls.map((call) => ({ title: call.title, url: `tel:${call.tel}` })) };
}
