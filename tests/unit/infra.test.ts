// Infrastructure as code: every .bicep file parses (tree-sitter-bicep) and declares what the bot needs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';

const infra = path.join(__dirname, '..', '..', 'infra');
const parser = new Parser();
parser.setLanguage(Bicep as Parser.Language);

interface Problem {
  readonly line: number;
  readonly text: string;
}

function syntaxProblems(source: string): Problem[] {
  const problems: Problem[] = [];
  const walk = (node: Parser.SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) problems.push({ line: node.startPosition.row + 1, text: node.text.slice(0, 60) });
    for (const child of node.children) walk(child);
  };
  walk(parser.parse(source).rootNode);
  return problems;
}

function resourceTypes(source: string): string[] {
  const types: string[] = [];
  const walk = (node: Parser.SyntaxNode): void => {
    if (node.type === 'resource_declaration') {
      const type = node.namedChildren.find((child) => child.type === 'string');
      if (type) types.push(type.text.replace(/^'|'$/g, '').split('@')[0] as string);
    }
    for (const child of node.namedChildren) walk(child);
  };
  walk(parser.parse(source).rootNode);
  return types;
}

describe('infra/', () => {
  const files = readdirSync(infra).filter((f) => f.endsWith('.bicep'));

  it('has Bicep files', () => {
    expect(files).toContain('azure.bicep');
  });

  it.each(files)('%s parses without syntax errors', (file) => {
    expect(syntaxProblems(readFileSync(path.join(infra, file), 'utf8'))).toEqual([]);
  });

  it('catches a syntax error when there is one', () => {
    expect(syntaxProblems("resource web 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'x'\n  properties: {\n")).not.toEqual([]);
  });

  it('declares storage with tables and queues, App Service on Node 20, an Azure Bot with Teams, and a managed identity', () => {
    const source = readFileSync(path.join(infra, 'azure.bicep'), 'utf8');
    expect(resourceTypes(source)).toEqual(
      expect.arrayContaining([
        'Microsoft.Storage/storageAccounts',
        'Microsoft.Storage/storageAccounts/tableServices',
        'Microsoft.Storage/storageAccounts/queueServices',
        'Microsoft.Web/serverfarms',
        'Microsoft.Web/sites',
        'Microsoft.BotService/botServices',
        'Microsoft.BotService/botServices/channels',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
      ]),
    );
    expect(source).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(source).toContain("channelName: 'MsTeamsChannel'");
    // Graph signs in as the bot's own managed identity: there is no client secret in this deployment.
    expect(source).toContain("{ name: 'GRAPH_CREDENTIAL', value: 'managed-identity' }");
    for (const setting of ['AZURE_STORAGE_CONNECTION_STRING', 'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'NODE_ENV', 'PUBLIC_BASE_URL', 'DOWNLOAD_SIGNING_KEY', 'GRAPH_CREDENTIAL']) {
      expect(source).toMatch(new RegExp(`name: '${setting}'`));
    }
  });

  it('gives every parameter without a default a value in the parameters file', () => {
    const source = readFileSync(path.join(infra, 'azure.bicep'), 'utf8');
    const required = [...source.matchAll(/^param (\w+) \w+$/gm)].map((m) => m[1]);
    const parameters = JSON.parse(readFileSync(path.join(infra, 'azure.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
    expect(required.filter((name) => !(name! in parameters.parameters))).toEqual([]);
  });
});
