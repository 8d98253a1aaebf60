// Hands a person a file in chat: publish it behind a signed, expiring link and answer with a download card.
import { downloadCard } from './cards/download';
import { describeLondonDateTime } from '../../domain/londonTime';
import type { Caller, OutgoingMessage } from '../../events';
import type { PlatformServices } from '../services';

export interface FileToDeliver {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer | string;
  readonly title: string;
  readonly description: string;
}

export async function deliverFile(caller: Caller, file: FileToDeliver, now: Date, services: PlatformServices): Promise<OutgoingMessage> {
  const link = await services.downloads.publish({
    fileName: file.fileName,
    contentType: file.contentType,
    content: file.content,
    ownerAadObjectId: caller.aadObjectId,
    now,
  });
  return {
    card: services.cards.render(downloadCard, {
      title: file.title,
      description: file.description,
      fileName: file.fileName,
      expires: describeLondonDateTime(link.expiresAt),
      url: link.url,
    }),
  };
}
