// Long work shows "typing…": a turn that takes longer than a second (here a slow file download for an import) sends a
// typing indicator to the conversation before the answer; a quick answer sends none.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

describe('typing indicator', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let slowFiles: Server;
  let filesUrl: string;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD });
    const csv = readFileSync(path.join(__dirname, '..', 'fixtures', 'contacts', 'salford.csv'), 'utf8');
    slowFiles = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(csv);
      }, 2500);
    });
    await new Promise<void>((resolve) => slowFiles.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(slowFiles.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await new Promise((resolve) => slowFiles.close(resolve));
  });

  it('shows typing while a slow import runs, then answers', async () => {
    const activity = loadActivity('personal-message-file', { serviceUrl: connector.serviceUrl });
    const [file, html] = activity.attachments as Json[];
    const attachments = [{ ...file, content: { ...(file!.content as Json), downloadUrl: `${filesUrl}/salford.csv` } }, html];
    await app.post('/api/messages', { ...activity, attachments });
    const [answer] = await connector.waitForActivities(1, 20_000);
    expect(JSON.stringify(answer)).toContain('Directory imported: Salford');
    expect(connector.typing.length).toBeGreaterThanOrEqual(1);
    expect(connector.typing[0]!.body).toMatchObject({ type: 'typing' });
    expect(connector.typing[0]!.path).toContain(encodeURIComponent((activity.conversation as { id: string }).id));
  });

  it('sends no typing indicator for a quick answer', async () => {
    const before = connector.typing.length;
    const count = connector.activities().length;
    await app.post('/api/messages', loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: 'help' }));
    await connector.waitForActivities(count + 1);
    expect(connector.typing.length).toBe(before);
  });
});
