// End-to-end: the real discord.js Client against the loopback emulator (no mocks, no internet).
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import {
  AttachmentBuilder,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordEmulator } from './emulator.js';

const TOKEN = 'fake-token.for.tests';
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

let emu: DiscordEmulator;
let client: Client;
let rest: REST;
/** What the test bot observed, keyed by interaction/message id. */
const seen = new Map<string, { manageGuild?: boolean; appCanSend?: boolean; error?: unknown }>();
const botErrors: unknown[] = [];

/** A tiny bot wired with the real discord.js API surface the project uses. */
function wireBot(c: Client): void {
  c.on(Events.InteractionCreate, async (interaction) => {
    try {
      seen.set(interaction.id, {
        manageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
        appCanSend: interaction.appPermissions?.has(PermissionFlagsBits.SendMessages),
      });
      if (interaction.isChatInputCommand() && interaction.commandName === 'ask') {
        await interaction.deferReply();
        const q = interaction.options.getString('question', true);
        await interaction.editReply({ content: `<@${interaction.user.id}> answer to: ${q}`, allowedMentions: { parse: [] } });
      } else if (interaction.isChatInputCommand() && interaction.commandName === 'slow') {
        await sleep(300);
        await interaction.reply('too late');
      } else if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        await interaction.respond([{ name: `Letters matching "${typed}"`, value: 'letter-1' }]);
      } else if (interaction.isButton() && interaction.customId === 'more') {
        await interaction.update({ content: 'Expanded', components: [] });
      }
    } catch (error) {
      seen.set(interaction.id, { ...seen.get(interaction.id), error });
    }
  });
  c.on(Events.MessageCreate, async (message) => {
    if (message.author.bot || !message.channel.isSendable()) return;
    try {
      if (message.content === '!ping') await message.channel.send('pong');
      if (message.content === '!file') {
        const file = new AttachmentBuilder(Buffer.from('"Dear team, the harvest was late."'), { name: 'quote.txt' });
        await message.channel.send({ content: 'Here is the quote', files: [file] });
      }
      if (message.content === '!read') {
        const attachment = message.attachments.first()!;
        const text = await (await fetch(attachment.url)).text();
        await message.reply({ content: `read ${text.length} chars: ${text}`, allowedMentions: { repliedUser: false } });
      }
      if (message.content === '!long') await message.channel.send('x'.repeat(2001));
    } catch (error) {
      seen.set(message.id, { error });
    }
  });
  c.on(Events.Error, (e) => botErrors.push(e));
}

beforeAll(async () => {
  emu = new DiscordEmulator({ heartbeatInterval: 400 });
  await emu.start();
  rest = new REST({ api: emu.apiUrl }).setToken(TOKEN);
  client = new Client({ intents: INTENTS, rest: { api: emu.apiUrl } });
  wireBot(client);
  const ready = once(client, Events.ClientReady);
  await client.login(TOKEN);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await emu?.stop();
});

describe('DiscordEmulator with the real discord.js Client', () => {
  it('logs in through GET /gateway/bot and becomes ready with the test guild', () => {
    const gw = emu.requests.find((r) => r.route === 'GET /gateway/bot');
    expect(gw?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(gw?.apiVersion).toBe(10);
    expect(emu.connections[0]!.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(emu.connections[0]!.compression).toBeNull();

    const guild = client.guilds.cache.get(emu.guildId)!;
    expect(guild.available).toBe(true);
    expect(guild.channels.cache.get(emu.channelIds.general)?.name).toBe('general');
    expect(guild.members.cache.get(emu.userIds.admin)?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(guild.members.cache.get(emu.userIds.member)?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(client.user?.id).toBe(emu.userIds.bot);
    expect(client.application?.id).toBe(emu.applicationId);
  });

  it('records the IDENTIFY intents and token', () => {
    expect(emu.identifyCount).toBe(1);
    const expected = INTENTS.reduce((a, b) => a | b, 0);
    expect(emu.intents).toBe(expected);
    expect(emu.identifies[0]!.token).toBe(TOKEN);
    expect(emu.gateway.some((g) => g.direction === 'out' && g.t === 'READY' && g.s === 1)).toBe(true);
  });

  it('records guild command registration via REST.put(Routes.applicationGuildCommands)', async () => {
    const ask = new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Ask about the letters')
      .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setAutocomplete(true));
    const slow = new SlashCommandBuilder().setName('slow').setDescription('Replies after the deadline');
    const created = (await rest.put(Routes.applicationGuildCommands(emu.applicationId, emu.guildId), {
      body: [ask.toJSON(), slow.toJSON()],
    })) as { id: string; name: string }[];
    expect(created.map((c) => c.name)).toEqual(['ask', 'slow']);

    const put = await emu.waitFor((r) => r.route === 'PUT /applications/:app/guilds/:guild/commands');
    expect(put.status).toBe(200);
    expect(put.body[0]).toMatchObject({ name: 'ask', options: [{ name: 'question', type: 3, autocomplete: true }] });
    expect(emu.guildCommands.get(emu.guildId)?.map((c) => c.id)).toEqual(created.map((c) => c.id));
    const listed = (await rest.get(Routes.applicationGuildCommands(emu.applicationId, emu.guildId))) as unknown[];
    expect(listed).toHaveLength(2);
  });

  it('delivers a slash command; deferReply then editReply arrive in order', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'who wrote first?' }, user: 'admin' });
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal');
    const responses = emu.interactionResponses(id);
    expect(responses.map((r) => [r.kind, r.callbackType])).toEqual([
      ['callback', 5],
      ['editOriginal', undefined],
    ]);
    expect(responses[0]!.request.headers.authorization).toBeUndefined(); // discord.js sends callbacks unauthenticated
    expect(responses[1]!.body).toMatchObject({
      content: `<@${emu.userIds.admin}> answer to: who wrote first?`,
      allowed_mentions: { parse: [] },
    });
    const original = emu.originalMessage(id)!;
    expect(original.data.flags & (1 << 7)).toBe(0); // "thinking" cleared by the edit
    expect(original.pings.users).toEqual([]); // allowed_mentions suppressed the ping
    expect(seen.get(id)).toMatchObject({ manageGuild: true, appCanSend: true });
  });

  it('reflects the plain member’s permissions in member.permissions', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'q' }, user: 'member' });
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal');
    expect(seen.get(id)).toMatchObject({ manageGuild: false, appCanSend: true });
    const payload = emu.interactions.get(id)!.payload;
    expect(BigInt(payload.member.permissions) & PermissionFlagsBits.ManageGuild).toBe(0n);
  });

  it('delivers autocomplete and records respond() choices', async () => {
    const id = emu.sendInteraction({ type: 'autocomplete', name: 'ask', options: { question: 'harv' } });
    const r = await emu.waitForInteractionResponse(id, (x) => x.callbackType === 8);
    expect(r.body.data.choices).toEqual([{ name: 'Letters matching "harv"', value: 'letter-1' }]);
  });

  it('delivers a button press and records update()', async () => {
    const id = emu.sendInteraction({ type: 'button', customId: 'more' });
    const r = await emu.waitForInteractionResponse(id, (x) => x.callbackType === 7);
    expect(r.body.data).toMatchObject({ content: 'Expanded', components: [] });
    expect(emu.originalMessage(id)?.data.content).toBe('Expanded');
  });

  it('parses a multipart message with an attachment from channel.send()', async () => {
    emu.sendMessage({ content: '!file' });
    const post = await emu.waitFor((r) => r.route === 'POST /channels/:channel/messages' && r.multipart && r.status === 200);
    expect(post.body.content).toBe('Here is the quote');
    expect(post.files).toHaveLength(1);
    expect(post.files[0]!.name).toBe('quote.txt');
    expect(post.files[0]!.data.toString()).toBe('"Dear team, the harvest was late."');
    // The stored attachment is downloadable like a CDN URL.
    const url = post.response.attachments[0].url as string;
    expect(await (await fetch(url)).text()).toBe('"Dear team, the harvest was late."');
  });

  it('serves registered attachments so the bot can fetch() them', async () => {
    const attachment = emu.addAttachment({ filename: 'letter.txt', content: 'Dear Bob' });
    emu.sendMessage({ content: '!read', attachments: [attachment] });
    const reply = await emu.waitFor((r) => r.route === 'POST /channels/:channel/messages' && r.body?.content?.startsWith('read '));
    expect(reply.body.content).toBe('read 8 chars: Dear Bob');
    expect(reply.body.message_reference).toBeDefined();
    expect(emu.requests.some((r) => r.route === 'GET /attachments/:channel/:id/:filename' && r.status === 200)).toBe(true);
  });

  it('RESUMEs after a dropped connection and replays missed dispatches', async () => {
    const resumed = once(client, Events.ShardResume);
    emu.dropConnection({ resumable: true });
    // Dispatched while the socket is down: must arrive via RESUME replay.
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'after the drop' } });
    await resumed;
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal');
    expect(emu.resumeCount).toBe(1);
    expect(emu.identifyCount).toBe(1);
    expect(emu.connections.at(-1)!.url.startsWith('/resume?')).toBe(true); // used resume_gateway_url
    expect(emu.resumes[0]!.session_id).toBe(emu.session!.id);

    // A later interaction on the resumed session still works.
    const later = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'later' } });
    await emu.waitForInteractionResponse(later, (r) => r.kind === 'editOriginal');
  });

  it('RESUMEs after an abrupt TCP drop and after an op 7 Reconnect', async () => {
    let resumed = once(client, Events.ShardResume);
    emu.dropConnection({ terminate: true });
    await resumed;
    expect(emu.resumeCount).toBe(2);
    resumed = once(client, Events.ShardResume);
    emu.requestReconnect();
    await resumed;
    expect(emu.resumeCount).toBe(3);
    expect(emu.connections.at(-2)!.closeCode).toBe(4200); // discord.js closes with 4200 to keep the session
    expect(emu.identifyCount).toBe(1);
  });

  it('retries a 429 on PATCH @original; the edit lands exactly once', async () => {
    const limited: unknown[] = [];
    const onLimit = (info: unknown) => limited.push(info);
    client.rest.on('rateLimited', onLimit);
    emu.failNext('PATCH /webhooks/:app/:token/messages/@original', { status: 429, retryAfter: 0.2 });
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'rate limited?' } });
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal');
    await sleep(300); // give a duplicate edit the chance to show up
    client.rest.off('rateLimited', onLimit);

    const all = emu.interactionResponses(id, { includeFailed: true });
    expect(all.map((r) => [r.kind, r.status])).toEqual([
      ['callback', 204],
      ['editOriginal', 429],
      ['editOriginal', 200],
    ]);
    const [limitedEdit, okEdit] = [all[1]!.request, all[2]!.request];
    expect(limitedEdit.injected).toBe(true);
    expect(okEdit.time - limitedEdit.time).toBeGreaterThanOrEqual(200);
    expect(emu.originalMessage(id)!.editCount).toBe(1);
    expect(limited.length).toBeGreaterThanOrEqual(1);
  });

  it('retries a 500 on POST /channels/:id/messages', async () => {
    emu.failNext('POST /channels/:channel/messages', { status: 500, times: 2 });
    const before = emu.messagesIn(emu.channelIds.general).filter((m) => m.data.content === 'pong').length;
    emu.sendMessage({ content: '!ping' });
    await emu.waitFor((r) => r.route === 'POST /channels/:channel/messages' && r.body?.content === 'pong' && r.status === 200);
    const attempts = emu.requests.filter((r) => r.route === 'POST /channels/:channel/messages' && r.body?.content === 'pong');
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(emu.messagesIn(emu.channelIds.general).filter((m) => m.data.content === 'pong').length).toBe(before + 1);
  });

  it('enforces Discord limits the bot must respect', async () => {
    // Over-long content → 50035 surfaces as a DiscordAPIError in the bot.
    const longId = emu.sendMessage({ content: '!long' });
    await emu.waitUntil(() => seen.get(longId)?.error !== undefined);
    const longError = seen.get(longId)!.error as DiscordAPIError;
    expect(longError).toBeInstanceOf(DiscordAPIError);
    expect(longError.code).toBe(50035);

    // Initial callback after the interaction deadline → 10062 Unknown interaction.
    const previous = emu.options.interactionDeadlineMs;
    emu.options.interactionDeadlineMs = 100;
    try {
      const slowId = emu.sendInteraction({ type: 'command', name: 'slow' });
      await emu.waitUntil(() => seen.get(slowId)?.error !== undefined);
      expect((seen.get(slowId)!.error as DiscordAPIError).code).toBe(10062);
    } finally {
      emu.options.interactionDeadlineMs = previous;
    }

    // The bot's role is denied SendMessages in the read-only channel.
    await expect(rest.post(Routes.channelMessages(emu.channelIds.readonly), { body: { content: 'hi' } })).rejects.toMatchObject({
      code: 50013,
      status: 403,
    });
  });

  it('answers unknown routes with a Discord-shaped 404 and records them', async () => {
    expect(emu.unknownRequests()).toEqual([]); // discord.js used nothing unimplemented so far
    const res = await fetch(`${emu.apiUrl}/v10/no/such/route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(emu.unknownRequests().map((r) => r.path)).toEqual(['/no/such/route']);
    expect(emu.heartbeatCount).toBeGreaterThan(0);
    expect(botErrors).toEqual([]);
  });
});

describe('DiscordEmulator gateway details (raw ws client)', () => {
  let raw: DiscordEmulator;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    raw = new DiscordEmulator({ heartbeatInterval: 60_000, allowedPrivilegedIntents: 0 });
    await raw.start();
  });
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await raw?.stop();
  });

  /** Opens a socket and collects frames (decoded by `decode`) until `until` says stop. */
  async function session(query: string, decode: (frames: Buffer[]) => any[]) {
    const ws = new WebSocket(`${raw.gatewayUrl}?${query}`);
    sockets.push(ws);
    const frames: Buffer[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => frames.push(data as Buffer));
    await once(ws, 'open');
    const payloads = async (n: number) => {
      await raw.waitUntil(() => decode(frames).length >= n, 2000, `${n} gateway payloads`);
      return decode(frames);
    };
    return { ws, frames, closed, payloads, send: (p: object) => ws.send(JSON.stringify(p)) };
  }
  const identify = (extra: object = {}) => ({ op: 2, d: { token: 'raw', intents: 1, properties: {}, ...extra } });
  const plain = (frames: Buffer[]) => frames.map((f) => JSON.parse(f.toString()));

  it('speaks zlib-stream (one deflate context, Z_SYNC_FLUSH per payload)', async () => {
    const splitJson = (frames: Buffer[]) => {
      if (!frames.length) return [];
      const text = inflateSync(Buffer.concat(frames), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString();
      return text.split(/(?<=\})(?=\{"t")/).map((x) => JSON.parse(x));
    };
    const c = await session('v=10&encoding=json&compress=zlib-stream', splitJson);
    expect((await c.payloads(1))[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 60_000 } });
    expect(c.frames.every((f) => f.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff])))).toBe(true);
    c.send(identify());
    const all = await c.payloads(3);
    expect(all.map((p) => p.t)).toEqual([null, 'READY', 'GUILD_CREATE']);
  });

  it('honours IDENTIFY compress:true (per-payload zlib)', async () => {
    const c = await session('v=10&encoding=json', (frames) =>
      frames.map((f, i) => JSON.parse(i === 0 ? f.toString() : inflateSync(f).toString())),
    );
    await c.payloads(1);
    c.send(identify({ compress: true }));
    expect((await c.payloads(2))[1]).toMatchObject({ op: 0, t: 'READY', s: 1 });
  });

  it('rejects etf encoding, disallowed privileged intents, and resuming an invalidated session', async () => {
    const etf = await session('v=10&encoding=etf', plain);
    expect(await etf.closed).toBe(4002);

    const greedy = await session('v=10&encoding=json', plain);
    await greedy.payloads(1);
    greedy.send(identify({ intents: 1 << 15 })); // MessageContent not enabled for this app
    expect(await greedy.closed).toBe(4014);

    const c = await session('v=10&encoding=json', plain);
    await c.payloads(1);
    c.send(identify());
    const ready = (await c.payloads(2))[1];
    raw.dropConnection({ resumable: false });
    expect(await c.closed).toBe(1000);
    const again = await session('v=10&encoding=json', plain);
    await again.payloads(1);
    again.send({ op: 6, d: { token: 'raw', session_id: ready.d.session_id, seq: 2 } });
    expect((await again.payloads(2))[1]).toEqual({ op: 9, d: false, t: null, s: null });
  });
});
