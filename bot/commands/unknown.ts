// Text that matches no command: a short hint and the help card.
import { reply, type CommandInput, type Reply } from '../events';
import type { Services } from '../services';
import { helpCardFor } from './help';

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  const card = await helpCardFor(input.caller, services, 'Here is what I can do:');
  return reply.of({ text: "Sorry, I didn't recognise that command.", card });
}
