// Drives the official A2A JS client (@a2a-js/sdk, A2A v1.0 JSON-RPC) against an AegisGate-protected agent over
// mTLS, with a fetch that signs every POST with the A2A-Signature v1 scheme (docs/a2a.md). Driven from NUnit.
// Usage: node a2a-client.mjs <baseUrl> <certPem> <keyPem> <caPem> <secretFile> <keyId> <agentId>
// Prints one JSON line per step; the exit code is 0 when every expectation held.
import https from 'node:https';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';

const [baseUrl, certPath, keyPath, caPath, secretPath, keyId, agentId] = process.argv.slice(2);
const tls = { cert: readFileSync(certPath), key: readFileSync(keyPath), ca: readFileSync(caPath) };
const secret = Buffer.from(readFileSync(secretPath, 'utf8').trim(), 'base64');
const capabilities = { SendMessage: 'send_message', 'message/send': 'send_message', GetTask: 'get_task', 'tasks/get': 'get_task', ListTasks: 'list_tasks', CancelTask: 'cancel_task', GetTaskPushNotificationConfig: 'push_notification_config' };
let lastSigned = null;

const toUrl = input => new URL(input instanceof URL || typeof input === 'string' ? String(input) : input.url);

// A fetch over node:https so the client certificate can be presented (Node's global fetch has no client-certificate option).
function mtlsFetch(input, init = {}) {
  const url = toUrl(input);
  const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
  const body = init.body === undefined || init.body === null ? '' : String(init.body);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: init.method ?? 'GET', headers, ...tls, servername: 'localhost' }, response => {
      const chunks = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => resolve(new Response(response.statusCode === 204 ? null : Buffer.concat(chunks), {
        status: response.statusCode,
        headers: Object.entries(response.headers).flatMap(([name, value]) => Array.isArray(value) ? value.map(v => [name, v]) : [[name, String(value)]]),
      })));
    });
    request.on('error', reject);
    if (body) request.write(body);
    request.end();
  });
}

// Signs the exact body bytes: method, path+query, agent, capability, timestamp, nonce, key id and SHA-256(body).
function sign(method, pathAndQuery, capability, body) {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const nonce = randomBytes(24).toString('base64url');
  const canonical = ['AEGISGATE-A2A-HMAC-SHA256-V1', method.toUpperCase(), pathAndQuery, agentId, capability, timestamp, nonce, keyId,
    createHash('sha256').update(body, 'utf8').digest('hex')].join('\n');
  return {
    'A2A-Signature': 'v1=' + createHmac('sha256', secret).update(canonical, 'utf8').digest('base64'),
    'A2A-Key-Id': keyId, 'A2A-Timestamp': timestamp, 'A2A-Nonce': nonce, 'A2A-Capability': capability, 'X-A2A-Agent-ID': agentId,
  };
}

let capabilityOverride = null;
async function signingFetch(input, init = {}) {
  if ((init.method ?? 'GET').toUpperCase() !== 'POST') return mtlsFetch(input, init);
  const url = toUrl(input);
  const body = String(init.body ?? '');
  const method = JSON.parse(body).method;
  const headers = new Headers(init.headers ?? {});
  for (const [name, value] of Object.entries(sign('POST', url.pathname + url.search, capabilityOverride ?? capabilities[method] ?? 'unknown', body))) headers.set(name, value);
  lastSigned = { url: url.toString(), init: { ...init, headers } };
  return mtlsFetch(url, { ...init, headers });
}

const results = [];
const step = (name, ok, detail) => { results.push(ok); console.log(JSON.stringify({ step: name, ok, ...detail })); };

try {
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ fetchImpl: signingFetch })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl: mtlsFetch }),
  }));
  const client = await factory.createFromUrl(baseUrl);
  step('card', true, {});

  const reply = await client.sendMessage({ message: { messageId: randomUUID(), role: 1, parts: [{ content: { $case: 'text', value: 'hello from js' } }] } });
  const text = JSON.stringify(reply);
  step('sendMessage', text.includes('echo: hello from js'), { reply: text.slice(0, 300) });

  // Replay the captured signed request byte for byte: the nonce was used, so AegisGate must refuse it.
  const replay = await mtlsFetch(lastSigned.url, lastSigned.init);
  const replayBody = await replay.text();
  step('replay', replay.status === 403 && replayBody.includes('A2A_INTEGRITY_REPLAY'), { status: replay.status });

  // GetTask passes the chain (granted) and reaches the agent, which answers TaskNotFound (-32001).
  try {
    await client.getTask({ id: 'no-such-task' });
    step('getTask', false, { error: 'no error' });
  } catch (error) {
    const message = String(error?.message ?? error);
    step('getTask', /-32001|not found/i.test(message) && !/A2A_/.test(message), { error: message.slice(0, 200) });
  }

  // A header/body mismatch (signed honestly, but the capability names another method): AegisGate denies with 403.
  capabilityOverride = 'get_task';
  try {
    await client.sendMessage({ message: { messageId: randomUUID(), role: 1, parts: [{ content: { $case: 'text', value: 'smuggled' } }] } });
    step('headerBodyMismatch', false, { error: 'no error' });
  } catch (error) {
    const message = String(error?.message ?? error);
    step('headerBodyMismatch', /403/.test(message), { error: message.slice(0, 200) });
  } finally {
    capabilityOverride = null;
  }
} catch (error) {
  step('fatal', false, { error: String(error?.stack ?? error).slice(0, 500) });
}

process.exit(results.length > 0 && results.every(Boolean) ? 0 : 1);
