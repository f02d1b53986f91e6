// Drives the official MCP TypeScript SDK client against the AegisGate sample host and prints one JSON object with
// what it saw (the last line of stdout). Run by tests/AegisGate.IntegrationTests/Mcp/McpTypeScriptClientTests.cs.
//   node mcp-client.mjs <base-url> <admin-key> <reader-key>
// TLS trust comes from NODE_EXTRA_CA_CERTS (the sample's dev CA). At a "PHASE <name>" line the script waits for the
// test to change the server (for example a rug pull) and answer "go" on stdin.
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [base, adminKey, readerKey] = process.argv.slice(2);
const out = {};
const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();

async function phase(name) {
  console.log(`PHASE ${name}`);
  const { value, done } = await lines.next();
  if (done || value.trim() !== 'go') {
    throw new Error(`phase ${name} was not acknowledged`);
  }
}

async function connect(path, key) {
  const headers = key ? { 'X-API-Key': key } : {};
  const transport = new StreamableHTTPClientTransport(new URL(path, base), { requestInit: { headers } });
  const client = new Client({ name: 'aegisgate-interop', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

function failure(e) {
  return { code: e?.code ?? null, data: e?.data ?? null, message: String(e?.message ?? e) };
}

async function attempt(fn) {
  try {
    return { ok: await fn() };
  } catch (e) {
    return { error: failure(e) };
  }
}

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

// Admin: legacy session, list, allowed call, redaction, an SSRF denial.
{
  const { client, transport } = await connect('/mcp', adminKey);
  out.sessionId = transport.sessionId ?? null;
  out.protocolVersion = transport.protocolVersion ?? null;
  out.tools = (await client.listTools()).tools.map((t) => t.name);
  out.lookup = text(await client.callTool({ name: 'lookup-order', arguments: { orderId: 'A-1001' } }));
  out.credentials = text(await client.callTool({ name: 'get-deploy-credentials', arguments: {} }));
  out.ssrf = await attempt(() => client.callTool({ name: 'fetch-url', arguments: { url: 'http://169.254.169.254/latest/meta-data/' } }));
  out.ssrfByName = await attempt(() => client.callTool({ name: 'fetch-url', arguments: { url: 'https://rebind.example/latest/meta-data/' } }));
  out.publicByName = text(await client.callTool({ name: 'fetch-url', arguments: { url: 'https://public.example/offers' } }));
  out.schema = await attempt(() => client.callTool({ name: 'lookup-order', arguments: { orderId: 42 } }));
  out.adminSession = transport.sessionId;
  await transport.terminateSession();
  out.afterTerminate = await attempt(() => fetch(new URL('/mcp', base), {
    method: 'POST',
    headers: { 'X-API-Key': adminKey, 'Mcp-Session-Id': out.adminSession, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': out.protocolVersion },
    body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list', params: {} }),
  }).then((r) => r.status));
  await client.close();
}

// Reader: filtered list, destructive tool denied; then the admin tries to hijack the reader's session.
{
  const { client, transport } = await connect('/mcp', readerKey);
  out.readerTools = (await client.listTools()).tools.map((t) => t.name);
  out.readerDelete = await attempt(() => client.callTool({ name: 'delete-customer', arguments: { customerId: 'c-1' } }));
  const hijack = await fetch(new URL('/mcp', base), {
    method: 'POST',
    headers: { 'X-API-Key': adminKey, 'Mcp-Session-Id': transport.sessionId, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': transport.protocolVersion },
    body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} }),
  });
  out.hijack = { status: hijack.status, body: await hijack.json() };
  await transport.terminateSession();
  await client.close();
}

// Rug pull: the server changes release-notes after the client listed and used it; the changed definition is hidden
// and its calls are denied until an operator approves it. Restoring the pinned definition makes it callable again.
{
  const { client, transport } = await connect('/mcp', adminKey);
  out.rugPull = {};
  out.rugPull.listedBefore = (await client.listTools()).tools.some((t) => t.name === 'release-notes');
  out.rugPull.before = text(await client.callTool({ name: 'release-notes', arguments: {} }));
  await phase('rug-pull');
  out.rugPull.after = await attempt(() => client.callTool({ name: 'release-notes', arguments: {} }));
  out.rugPull.listedAfter = (await client.listTools()).tools.some((t) => t.name === 'release-notes');
  await phase('restore');
  out.rugPull.restored = text(await client.callTool({ name: 'release-notes', arguments: {} }));
  await transport.terminateSession();
  await client.close();
}

// No credentials.
out.anonymous = await attempt(() => connect('/mcp', null));

// The gateway in front of @modelcontextprotocol/server-everything.
{
  const { client, transport } = await connect('/mcp/everything', adminKey);
  out.everythingTools = (await client.listTools()).tools.map((t) => t.name);
  out.getEnv = text(await client.callTool({ name: 'get-env', arguments: {} }));
  await transport.terminateSession();
  await client.close();
}

stdin.close();
console.log(JSON.stringify(out));
