// Makes the Agents Playground's team, group chats and personal chat known to the bot, as installing the app in Teams
// would: for each, the Playground's own "install" custom activity (an `installationUpdate`, action `add`) is sent to the bot.
import { z } from 'zod';

// What `GET /_internal/v1/config` answers (only the parts read here); the team's General channel id is the team id.
const playgroundConfigSchema = z.object({
  config: z.object({
    personalChat: z.object({ id: z.string().min(1) }).optional(),
    groupChats: z.array(z.object({ id: z.string().min(1) })).default([]),
    teams: z.array(z.object({ id: z.string().min(1) })).default([]),
  }),
});

/** The conversations the bot is installed in, in the order installed: teams first, then group chats, then the 1:1 chat. */
export async function installInPlayground(playgroundBase: string): Promise<string[]> {
  const response = await fetch(`${playgroundBase}/_internal/v1/config`);
  if (!response.ok) throw new Error(`The Agents Playground did not give its configuration (HTTP ${response.status}).`);
  const { config } = playgroundConfigSchema.parse(await response.json());
  const conversations = [...config.teams.map((team) => team.id), ...config.groupChats.map((chat) => chat.id), ...(config.personalChat ? [config.personalChat.id] : [])];
  for (const conversationId of conversations) {
    const query = new URLSearchParams({ conversationId, type: 'install' });
    const template = await fetch(`${playgroundBase}/_internal/v1/customActivities/template?${query.toString()}`);
    if (!template.ok) throw new Error(`The Agents Playground could not build an install activity for ${conversationId} (HTTP ${template.status}).`);
    const sent = await fetch(`${playgroundBase}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await template.text() });
    if (!sent.ok) throw new Error(`The Agents Playground did not send the install activity for ${conversationId} (HTTP ${sent.status}).`);
  }
  return conversations;
}
