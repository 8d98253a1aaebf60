// Azure resources for the Link Programme bot: storage (tables + queues), App Service on Node 20,
// an Azure Bot with the Teams channel, and a user-assigned managed identity the bot runs as (no client secret).

@minLength(4)
@maxLength(20)
@description('Short name used to derive resource names, e.g. linkbotsalford.')
param resourceBaseName string

@description('Location for all resources.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 for a pilot; P1v3 for several areas with scale-out.')
param webAppSku string = 'B1'

@description('Number of App Service instances; the bot keeps no state in memory, so any number works.')
@minValue(1)
param instanceCount int = 1

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Link Programme'

@description('Comma-separated Entra ID object ids of the first coordinators.')
param coordinatorIds string = ''

@description('Comma-separated Entra ID tenant ids the bot serves (ALLOWED_TENANT_IDS); empty serves any tenant the app is installed in.')
param allowedTenantIds string = ''

@description('Mailbox whose calendar holds the workshops (e.g. linkprogramme@contoso.org); can be left empty.')
param workshopOrganiser string = ''

@secure()
@description('Secret that signs download links; the same on every instance.')
param downloadSigningKey string

var storageName = toLower(take(replace('${resourceBaseName}st', '-', ''), 24))
var botEndpointHost = '${resourceBaseName}.azurewebsites.net'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: webAppSku != 'F1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appCommandLine: 'node dist/bot/index.js'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_STORAGE_CONNECTION_STRING', value: storageConnectionString }
        { name: 'PUBLIC_BASE_URL', value: 'https://${botEndpointHost}' }
        { name: 'DOWNLOAD_SIGNING_KEY', value: downloadSigningKey }
        { name: 'COORDINATOR_IDS', value: coordinatorIds }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        // Graph as the same managed identity the bot runs as: grant it the application permissions in the README.
        { name: 'GRAPH_CREDENTIAL', value: 'managed-identity' }
        { name: 'GRAPH_CLIENT_ID', value: identity.properties.clientId }
        { name: 'GRAPH_TENANT_ID', value: identity.properties.tenantId }
        { name: 'WORKSHOP_ORGANISER', value: workshopOrganiser }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botEndpointHost}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = botEndpointHost
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output STORAGE_ACCOUNT_NAME string = storage.name
