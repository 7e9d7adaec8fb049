// Adds the gateway as an OAuth-protected MCP server the way a remote connector does, with the
// MCP TypeScript SDK's own OAuth client: discovery from the 401, dynamic registration,
// authorization with PKCE and resource, sign-in and consent (here a script plays the user),
// code for token, tools, and a refresh. Prints one JSON object per line; the last is the result.
//
// usage: node connector-flow.mjs <mcp url> <user> <password> <sms to>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [mcpUrl, user, password, smsTo] = process.argv.slice(2);
const REDIRECT = 'http://127.0.0.1:3334/oauth/callback';
const say = (line) => console.log(JSON.stringify(line));

// Every HTTP exchange the SDK makes, so that the test can check the order of discovery.
const exchanges = [];
const recordingFetch = async (url, init) => {
  const response = await fetch(url, init);
  exchanges.push({ method: (init && init.method) || 'GET', url: String(url), status: response.status });
  return response;
};

class MemoryProvider {
  constructor() { this.saved = {}; this.code = undefined; }
  get redirectUrl() { return REDIRECT; }
  get clientMetadata() {
    return {
      client_name: 'Telephony system test', redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  state() { return 'state-' + Math.random().toString(36).slice(2); }
  clientInformation() { return this.saved.client; }
  saveClientInformation(client) { this.saved.client = client; say({ step: 'registered', client_id: client.client_id }); }
  tokens() { return this.saved.tokens; }
  saveTokens(tokens) { this.saved.tokens = tokens; say({ step: 'tokens', scope: tokens.scope, refresh: !!tokens.refresh_token }); }
  saveCodeVerifier(verifier) { this.saved.verifier = verifier; }
  codeVerifier() { return this.saved.verifier; }
  async redirectToAuthorization(url) {
    say({ step: 'authorize', pkce: url.searchParams.get('code_challenge_method'), resource: url.searchParams.get('resource') });
    this.code = await actAsUser(url);
  }
}

// The user's browser: a cookie jar and forms, against the authorization server's own pages.
async function actAsUser(authorizeUrl) {
  const cookies = new Map();
  const go = async (url, init = {}) => {
    const headers = { ...(init.headers || {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const next = (response, from) => new URL(response.headers.get('location'), from).toString();
  const form = (fields) => ({
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const field = (html, name) => (html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`)) || [])[1];

  let at = authorizeUrl.toString();
  let response = await go(at);
  at = next(response, at);
  const loginPage = await (await go(at)).text();
  const login = new URL('/login', at).toString();
  response = await go(login, form({ username: user, password, _csrf: field(loginPage, '_csrf') }));
  if (response.status !== 302) throw new Error(`sign-in answered ${response.status}`);
  say({ step: 'signed-in' });
  at = next(response, login);
  response = await go(at);
  if (response.status !== 302 || !response.headers.get('location').includes('/oauth2/consent')) {
    throw new Error(`no consent page after sign-in: ${response.status} ${response.headers.get('location')}`);
  }
  at = next(response, at);
  const consentPage = await (await go(at)).text();
  const scopes = [...consentPage.matchAll(/name="scope"[^>]*value="([^"]+)"/g)].map((m) => m[1]);
  say({ step: 'consent', scopes });
  const answer = new URLSearchParams({
    client_id: field(consentPage, 'client_id'), state: field(consentPage, 'state'), _csrf: field(consentPage, '_csrf'),
  });
  scopes.forEach((scope) => answer.append('scope', scope));
  const authorizeEndpoint = new URL('/oauth2/authorize', at).toString();
  response = await go(authorizeEndpoint, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: answer.toString(),
  });
  const callback = new URL(response.headers.get('location'));
  if (!callback.toString().startsWith(REDIRECT) || !callback.searchParams.get('code')) {
    throw new Error(`consent did not return a code to the client: ${callback}`);
  }
  say({ step: 'approved' });
  return callback.searchParams.get('code');
}

async function connect(provider) {
  const client = new Client({ name: 'telephony-oauth-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: recordingFetch });
  try {
    await client.connect(transport);
    return client;
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !provider.code) throw error;
    await transport.finishAuth(provider.code);
    provider.code = undefined;
    const again = new Client({ name: 'telephony-oauth-test', version: '1.0.0' });
    await again.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: recordingFetch }));
    return again;
  }
}

const provider = new MemoryProvider();
const client = await connect(provider);
const tools = (await client.listTools()).tools.map((tool) => tool.name);
say({ step: 'tools', tools });
const sms = await client.callTool({ name: 'send_sms', arguments: { to: smsTo, text: 'Sent by an OAuth client' } });
say({ step: 'send_sms', isError: !!sms.isError, status: sms.structuredContent && sms.structuredContent.status });
await client.close();

const before = provider.tokens();
const refreshed = await auth(provider, { serverUrl: mcpUrl, fetchFn: recordingFetch });
const after = provider.tokens();
const again = await connect(provider);
const toolsAfterRefresh = (await again.listTools()).tools.length;
await again.close();

// The refresh token used is spent: rotation means a second use is refused.
const tokenEndpoint = exchanges.find((e) => e.method === 'POST' && e.url.endsWith('/oauth2/token')).url;
const reuse = await fetch(tokenEndpoint, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refresh_token, client_id: provider.clientInformation().client_id }).toString(),
});
say({
  result: {
    exchanges, tools, sms: { isError: !!sms.isError },
    refresh: {
      result: refreshed, newAccessToken: before.access_token !== after.access_token,
      newRefreshToken: before.refresh_token !== after.refresh_token, toolsAfterRefresh,
      reuseStatus: reuse.status, reuseError: (await reuse.json()).error,
    },
  },
});
