// End-to-end: the real discord.js Client against the loopback emulator (no mocks, no internet).
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type TextChannel,
  type ThreadChannel,
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
const seen = new Map<string, { manageGuild?: boolean; appCanSend?: boolean; threadId?: string | null; error?: unknown }>();
const botErrors: unknown[] = [];

/** A tiny bot wired with the real discord.js API surface the project uses. */
function wireBot(c: Client): void {
  c.on(Events.InteractionCreate, async (interaction) => {
    try {
      seen.set(interaction.id, {
        manageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
        appCanSend: interaction.appPermissions?.has(PermissionFlagsBits.SendMessages),
        threadId: interaction.channel?.isThread() ? interaction.channel.id : null,
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
      } else if (interaction.isChatInputCommand() && interaction.commandName === 'feedback') {
        const text = new TextInputBuilder().setCustomId('text').setStyle(TextInputStyle.Paragraph).setMinLength(2);
        const email = new TextInputBuilder().setCustomId('email').setStyle(TextInputStyle.Short).setRequired(false);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('fb')
            .setTitle('Feedback')
            .addLabelComponents(
              new LabelBuilder().setLabel('Your feedback').setTextInputComponent(text),
              new LabelBuilder().setLabel('Email').setTextInputComponent(email),
            ),
        );
      } else if (interaction.isButton() && interaction.customId === 'legacy-modal') {
        const input = new TextInputBuilder().setCustomId('note').setLabel('Note').setStyle(TextInputStyle.Short).setValue('draft');
        const modal = new ModalBuilder().setCustomId('legacy').setTitle('Legacy').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
        await interaction.showModal(modal);
      } else if (interaction.isModalSubmit() && interaction.customId === 'fb') {
        const text = interaction.fields.getTextInputValue('text');
        const email = interaction.fields.getTextInputValue('email');
        await interaction.reply({ content: `got ${text} / email "${email}"`, flags: MessageFlags.Ephemeral });
      } else if (interaction.isModalSubmit() && interaction.customId === 'legacy') {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.editReply(`note: ${interaction.fields.getTextInputValue('note')} on ${interaction.message?.id}`);
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

describe('DiscordEmulator threads with the real discord.js Client', () => {
  const general = () => client.channels.cache.get(emu.channelIds.general) as TextChannel;
  const out = (t: string) => emu.gateway.filter((g) => g.direction === 'out' && g.t === t);
  let thread: ThreadChannel;
  let starterId: string;

  it('starts a thread from a message: same id, THREAD_CREATE, and the starter message records it', async () => {
    starterId = emu.sendMessage({ content: 'Who wrote the harvest letter?', author: 'member' });
    const message = await general().messages.fetch(starterId);
    thread = await message.startThread({ name: 'Harvest letter', autoArchiveDuration: 60 });

    const post = await emu.waitFor((r) => r.route === 'POST /channels/:channel/messages/:message/threads');
    expect(post.status).toBe(201);
    expect(thread.id).toBe(starterId);
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(thread.parentId).toBe(emu.channelIds.general);
    expect(thread.ownerId).toBe(emu.userIds.bot);
    const stored = emu.threadOf(starterId)!;
    expect(stored).toMatchObject({
      id: starterId,
      type: 11,
      guild_id: emu.guildId,
      parent_id: emu.channelIds.general,
      owner_id: emu.userIds.bot,
      name: 'Harvest letter',
      member_count: 1,
      message_count: 0,
      total_message_sent: 0,
      thread_metadata: { archived: false, locked: false, auto_archive_duration: 60 },
    });
    expect(emu.threads().map((t) => t.id)).toContain(starterId);
    expect(emu.threadMembers(starterId)).toEqual([emu.userIds.bot]);

    // Gateway: THREAD_CREATE (newly created), the bot's membership, then the starter's MESSAGE_UPDATE.
    const created = out('THREAD_CREATE').find((g) => g.d.id === starterId)!;
    expect(created.d).toMatchObject({ newly_created: true, parent_id: emu.channelIds.general, guild_id: emu.guildId });
    const members = out('THREAD_MEMBERS_UPDATE').find((g) => g.d.id === starterId)!;
    expect(members.d.added_members.map((m: { user_id: string }) => m.user_id)).toEqual([emu.userIds.bot]);
    const update = out('MESSAGE_UPDATE').find((g) => g.d.id === starterId)!;
    expect(update.s).toBeGreaterThan(created.s!);
    expect(update.d.flags & (1 << 5)).toBe(1 << 5);
    expect(update.d.thread).toMatchObject({ id: starterId, name: 'Harvest letter' });

    const starter = emu.getMessage(starterId)!.data;
    expect(starter.flags & (1 << 5)).toBe(1 << 5); // HAS_THREAD
    expect(starter.thread.id).toBe(starterId);
    await emu.waitUntil(() => general().messages.cache.get(starterId)?.hasThread === true, 2000, 'hasThread');
    expect(general().messages.cache.get(starterId)!.thread?.id).toBe(starterId);
  });

  it('refuses a second thread, unknown messages and channels, and bad names like Discord', async () => {
    await expect(rest.post(Routes.threads(emu.channelIds.general, starterId), { body: { name: 'again' } })).rejects.toMatchObject({
      status: 400,
      code: 160004,
    });
    await expect(rest.post(Routes.threads(emu.channelIds.general, '1234567890123456789'), { body: { name: 'x' } })).rejects.toMatchObject({
      status: 404,
      code: 10008,
    });
    await expect(rest.post(Routes.threads('1234567890123456789', starterId), { body: { name: 'x' } })).rejects.toMatchObject({
      status: 404,
      code: 10003,
    });
    const bad = (await rest.post(Routes.threads(emu.channelIds.general, emu.sendMessage({ content: 'q' })), { body: {} }).catch((e) => e)) as DiscordAPIError;
    expect(bad.code).toBe(50035);
    expect(bad.rawError).toMatchObject({ errors: { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
    const duration = (await rest
      .post(Routes.threads(emu.channelIds.general, emu.sendMessage({ content: 'q' })), { body: { name: 'n', auto_archive_duration: 30 } })
      .catch((e) => e)) as DiscordAPIError;
    expect(duration.rawError).toMatchObject({ errors: { auto_archive_duration: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } });
    // A message inside a thread cannot start another thread.
    const inner = emu.sendMessage({ content: 'inside', channelId: starterId });
    await expect(rest.post(Routes.threads(starterId, inner), { body: { name: 'nested' } })).rejects.toMatchObject({ status: 400, code: 50024 });
  });

  it('works like a channel: GET, user messages arrive with the thread id, the bot answers there', async () => {
    const fetched = (await rest.get(Routes.channel(starterId))) as Record<string, any>;
    expect(fetched).toMatchObject({ id: starterId, type: 11, parent_id: emu.channelIds.general, member: { user_id: emu.userIds.bot } });

    const before = emu.threadOf(starterId)!.message_count;
    const received = new Promise<{ channelId: string; guildId: string | null; inThread: boolean }>((resolve) => {
      const onMessage = (m: import('discord.js').Message) => {
        if (m.content !== '!ping' || m.channelId !== starterId) return;
        client.off(Events.MessageCreate, onMessage);
        resolve({ channelId: m.channelId, guildId: m.guildId, inThread: m.channel.isThread() });
      };
      client.on(Events.MessageCreate, onMessage);
    });
    const pingId = emu.sendMessage({ content: '!ping', channelId: starterId, author: 'member' });
    expect(await received).toEqual({ channelId: starterId, guildId: emu.guildId, inThread: true });
    const create = out('MESSAGE_CREATE').find((g) => g.d.id === pingId)!;
    expect(create.d).toMatchObject({ channel_id: starterId, guild_id: emu.guildId });

    const pong = await emu.waitFor((r) => r.route === 'POST /channels/:channel/messages' && r.params.channel === starterId && r.body?.content === 'pong');
    expect(pong.status).toBe(200);
    expect(pong.response.channel_id).toBe(starterId);
    expect(emu.messagesIn(starterId).map((m) => m.data.content).slice(-2)).toEqual(['!ping', 'pong']);
    expect(emu.threadOf(starterId)!.message_count).toBe(before + 2);
    expect(emu.threadOf(starterId)!.last_message_id).toBe(pong.response.id);
    // The author joined the thread by posting; without GuildMembers the bot is not told about others joining.
    expect(emu.threadMembers(starterId)).toContain(emu.userIds.member);
    expect(out('THREAD_MEMBERS_UPDATE').some((g) => g.d.added_members?.some((m: { user_id: string }) => m.user_id === emu.userIds.member))).toBe(false);
  });

  it('lists thread messages newest first with limit/before/after/around, opening with the type 21 starter', async () => {
    const ids = [1, 2, 3, 4, 5].map((n) => emu.sendMessage({ content: `page ${n}`, channelId: starterId }));
    const get = async (query: Record<string, string>) =>
      ((await rest.get(Routes.channelMessages(starterId), { query: new URLSearchParams(query) })) as { id: string; type: number; content: string }[]).map(
        (m) => m.id,
      );
    expect(await get({ limit: '2' })).toEqual([ids[4], ids[3]]);
    expect(await get({ after: ids[0]!, limit: '2' })).toEqual([ids[2], ids[1]]);
    expect(await get({ before: ids[3]!, limit: '2' })).toEqual([ids[2], ids[1]]);
    expect(await get({ around: ids[2]!, limit: '3' })).toEqual([ids[3], ids[2], ids[1]]);
    const all = (await rest.get(Routes.channelMessages(starterId), { query: new URLSearchParams({ limit: '100' }) })) as Record<string, any>[];
    const starter = all.at(-1)!;
    expect(starter).toMatchObject({ id: starterId, type: 21, channel_id: starterId, content: '', message_reference: { message_id: starterId, channel_id: emu.channelIds.general } });
    expect(starter.referenced_message.content).toBe('Who wrote the harvest letter?');
    await expect(rest.get(Routes.channelMessages(starterId), { query: new URLSearchParams({ limit: '101' }) })).rejects.toMatchObject({ code: 50035 });

    // discord.js paging works on top of it, and the starter is fetched from the parent.
    const fetched = await thread.messages.fetch({ limit: 3 });
    expect([...fetched.keys()]).toEqual([ids[4], ids[3], ids[2]]);
    expect((await thread.fetchStarterMessage())?.content).toBe('Who wrote the harvest letter?');
  });

  it('delivers interactions from a thread with the thread as channel, and replies land in the thread', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'ask', options: { question: 'in the thread' }, channelId: starterId });
    await emu.waitForInteractionResponse(id, (r) => r.kind === 'editOriginal');
    const payload = emu.interactions.get(id)!.payload;
    expect(payload.channel_id).toBe(starterId);
    expect(payload.channel).toMatchObject({ id: starterId, type: 11, parent_id: emu.channelIds.general, thread_metadata: { archived: false } });
    expect(seen.get(id)?.threadId).toBe(starterId);
    expect(emu.originalMessage(id)!.channelId).toBe(starterId);
    expect(emu.originalMessage(id)!.data.channel_id).toBe(starterId);
  });

  it('takes thread permissions from the parent: SendMessagesInThreads, not SendMessages', async () => {
    // The bot may not post in #announcements, but may open a thread there and post in it.
    const q = emu.sendMessage({ content: 'announcement', channelId: emu.channelIds.readonly, author: 'admin' });
    await expect(rest.post(Routes.channelMessages(emu.channelIds.readonly), { body: { content: 'no' } })).rejects.toMatchObject({ code: 50013 });
    await rest.post(Routes.threads(emu.channelIds.readonly, q), { body: { name: 'Discussion' } });
    await rest.post(Routes.channelMessages(q), { body: { content: 'yes, in the thread' } });
    expect(emu.messagesIn(q).map((m) => m.data.content)).toEqual(['yes, in the thread']);

    const parent = emu.channels.get(emu.channelIds.readonly)!;
    const deny = { id: emu.roleIds.everyone, type: 0, allow: '0', deny: PermissionFlagsBits.SendMessagesInThreads.toString() };
    parent.permission_overwrites.push(deny);
    try {
      expect(emu.permissionsFor(emu.userIds.bot, q) & PermissionFlagsBits.SendMessagesInThreads).toBe(0n);
      await expect(rest.post(Routes.channelMessages(q), { body: { content: 'denied' } })).rejects.toMatchObject({ status: 403, code: 50013 });
    } finally {
      parent.permission_overwrites.splice(parent.permission_overwrites.indexOf(deny), 1);
    }
  });

  it('starts threads without a message (private by default) and edits, archives, lists and joins them', async () => {
    const raw = (await rest.post(Routes.threads(emu.channelIds.general), { body: { name: 'Default type' } })) as Record<string, any>;
    expect(raw).toMatchObject({ type: 12, parent_id: emu.channelIds.general, thread_metadata: { invitable: true, auto_archive_duration: 1440 } });
    const open = await general().threads.create({ name: 'Open question', type: ChannelType.PublicThread });
    expect(open.type).toBe(ChannelType.PublicThread);
    expect(emu.getMessage(open.id)).toBeUndefined(); // not tied to a message
    // A public thread without a message is announced in the parent (type 18, content = name); a private one is not.
    const notices = emu.messagesIn(emu.channelIds.general).filter((m) => m.data.type === 18);
    expect(notices.map((m) => [m.data.content, m.data.message_reference.channel_id])).toEqual([['Open question', open.id]]);

    await open.members.add(emu.userIds.admin);
    expect(emu.threadMembers(open.id)).toEqual([emu.userIds.bot, emu.userIds.admin]);
    expect(emu.threadOf(open.id)!.member_count).toBe(2);

    const archived = await open.setArchived(true);
    expect(archived.archived).toBe(true);
    await expect(open.setLocked(true)).rejects.toMatchObject({ code: 50013 }); // needs ManageThreads
    const listed = await general().threads.fetchArchived();
    expect([...listed.threads.keys()]).toContain(open.id);
    const active = await client.guilds.cache.get(emu.guildId)!.channels.fetchActiveThreads();
    expect(active.threads.has(open.id)).toBe(false);
    expect(active.threads.has(starterId)).toBe(true);

    // Posting in an archived (unlocked) thread unarchives it.
    await open.send('bump');
    expect(emu.threadOf(open.id)!.thread_metadata.archived).toBe(false);
    await emu.waitUntil(() => open.archived === false, 2000, 'THREAD_UPDATE');
  });

  it('lets users start threads; a restarted bot sees the active threads in GUILD_CREATE', async () => {
    const question = emu.sendMessage({ content: 'user question', author: 'admin' });
    const created = once(client, Events.ThreadCreate);
    const userThread = emu.startThread({ messageId: question, name: 'Asked by Alice', user: 'admin' });
    const [t, newlyCreated] = (await created) as [ThreadChannel, boolean];
    expect([t.id, t.ownerId, newlyCreated]).toEqual([userThread, emu.userIds.admin, true]);
    expect(() => emu.startThread({ messageId: question, name: 'twice' })).toThrow(/already has a thread/);

    const gone = emu.startThread({ name: 'Stale', user: 'admin' });
    emu.archiveThread(gone);

    const restarted = new Client({ intents: INTENTS, rest: { api: emu.apiUrl } });
    try {
      const ready = once(restarted, Events.ClientReady);
      await restarted.login(TOKEN);
      await ready;
      const guildCreate = out('GUILD_CREATE').at(-1)!;
      const listed = guildCreate.d.threads.map((x: { id: string }) => x.id);
      expect(listed).toEqual(expect.arrayContaining([starterId, userThread]));
      expect(listed).not.toContain(gone);
      expect(guildCreate.d.channels.some((c: { id: string }) => c.id === starterId)).toBe(false);
      expect(guildCreate.d.threads.find((x: { id: string }) => x.id === starterId).member).toEqual({ join_timestamp: expect.any(String), flags: 0 });
      const cached = restarted.channels.cache.get(starterId) as ThreadChannel;
      expect(cached.isThread()).toBe(true);
      expect(cached.joined).toBe(true);
      expect((restarted.channels.cache.get(userThread) as ThreadChannel).joined).toBe(false);
      expect(restarted.channels.cache.has(gone)).toBe(false);

      // A message in a thread the restarted bot knows reaches it.
      const seenByRestarted = new Promise<string>((resolve) => restarted.once(Events.MessageCreate, (m) => resolve(m.channelId)));
      emu.sendMessage({ content: 'follow-up', channelId: userThread, author: 'member' });
      expect(await seenByRestarted).toBe(userThread);
    } finally {
      await restarted.destroy();
    }
  });
});

describe('DiscordEmulator private threads', () => {
  it('hides a private thread from the bot until it is added', async () => {
    const out = (t: string) => emu.gateway.filter((g) => g.direction === 'out' && g.t === t);
    const id = emu.startThread({ name: 'Secret', type: 12, user: 'admin' });
    expect(emu.threadOf(id)).toMatchObject({ type: 12, thread_metadata: { invitable: true } });
    expect(out('THREAD_CREATE').some((g) => g.d.id === id)).toBe(false);
    expect(emu.messagesIn(emu.channelIds.general).some((m) => m.data.message_reference?.channel_id === id)).toBe(false); // no notice
    const hidden = emu.sendMessage({ content: 'just us', channelId: id, author: 'admin' });
    expect(out('MESSAGE_CREATE').some((g) => g.d.id === hidden)).toBe(false);
    await expect(rest.get(Routes.channel(id))).rejects.toMatchObject({ status: 403, code: 50001 });

    const created = once(client, Events.ThreadCreate);
    emu.addToThread(id, 'bot');
    const [thread] = (await created) as [ThreadChannel];
    expect(thread.id).toBe(id);
    expect(out('THREAD_CREATE').find((g) => g.d.id === id)!.d.member).toMatchObject({ user_id: emu.userIds.bot });
    expect((await rest.get(Routes.channel(id))) as object).toMatchObject({ id, member: { user_id: emu.userIds.bot } });
    const visible = emu.sendMessage({ content: 'now with the bot', channelId: id, author: 'admin' });
    expect(out('MESSAGE_CREATE').some((g) => g.d.id === visible)).toBe(true);
    await expect(rest.delete(Routes.channelMessage(id, visible))).rejects.toMatchObject({ code: 50013 }); // not the bot's
    const own = (await rest.post(Routes.channelMessages(id), { body: { content: 'mine' } })) as { id: string };
    expect(emu.threadOf(id)).toMatchObject({ member_count: 2, message_count: 3, total_message_sent: 3 });
    await rest.delete(Routes.channelMessage(id, own.id));
    expect(emu.threadOf(id)).toMatchObject({ message_count: 2, total_message_sent: 3 });
  });
});

describe('DiscordEmulator modals with the real discord.js Client', () => {
  it('records whether callbacks and follow-ups are ephemeral (the first follow-up after a defer takes its flag)', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'unhandled-defer' });
    const { token } = emu.interactions.get(id)!;
    await rest.post(Routes.interactionCallback(id, token), { body: { type: 5 }, auth: false });
    const webhook = Routes.webhook(emu.applicationId, token);
    await rest.post(webhook, { body: { content: 'replaces the thinking message', flags: 64 }, auth: false });
    await rest.post(webhook, { body: { content: 'secret', flags: 64 }, auth: false });
    await rest.post(webhook, { body: { content: 'public' }, auth: false });
    expect(emu.interactionResponses(id).map((r) => [r.kind, r.ephemeral])).toEqual([
      ['callback', false],
      ['followup', false],
      ['followup', true],
      ['followup', false],
    ]);
    const [, first, second] = emu.interactionResponses(id);
    expect(first!.messageId).toBe(emu.originalMessage(id)!.data.id);
    expect(emu.getMessage(second!.messageId!)!.data.flags & 64).toBe(64);
  });

  it('records a type 9 modal callback, then a modal submit mirrors it and the ephemeral reply is recorded', async () => {
    const open = emu.sendInteraction({ type: 'command', name: 'feedback', user: 'admin' });
    const shown = await emu.waitForInteractionResponse(open, (r) => r.callbackType === 9);
    expect(shown.ephemeral).toBeUndefined();
    const modal = emu.modalShown(open)!;
    expect(modal).toMatchObject({ custom_id: 'fb', title: 'Feedback' });
    expect(modal.components.map((c: { type: number }) => c.type)).toEqual([18, 18]);

    expect(() => emu.sendInteraction({ type: 'modal', customId: 'fb', fields: { nope: 'x' } })).toThrow(/no input nope/);
    expect(() => emu.sendInteraction({ type: 'modal', customId: 'fb', fields: {} })).toThrow(/required input text is empty/);
    expect(() => emu.sendInteraction({ type: 'modal', customId: 'fb', fields: { text: 'x' } })).toThrow(/2-4000 characters/);

    const submit = emu.sendInteraction({ type: 'modal', customId: 'fb', fields: { text: 'Lovely letters' } });
    const payload = emu.interactions.get(submit)!.payload;
    expect(payload.member.user.id).toBe(emu.userIds.admin); // the user who saw the modal
    expect(payload.data.components).toEqual([
      { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'text', value: 'Lovely letters' } },
      { type: 18, id: 3, component: { type: 4, id: 4, custom_id: 'email', value: '' } },
    ]);
    const reply = await emu.waitForInteractionResponse(submit, (r) => r.kind === 'callback');
    expect(reply.callbackType).toBe(4);
    expect(reply.body.data.content).toBe('got Lovely letters / email ""');
    expect(reply.ephemeral).toBe(true);
    expect(emu.originalMessage(submit)!.data.flags & 64).toBe(64);
  });

  it('submits a legacy action-row modal opened from a button, with the message and pre-filled value', async () => {
    const press = emu.sendInteraction({ type: 'button', customId: 'legacy-modal', user: 'member' });
    await emu.waitForInteractionResponse(press, (r) => r.callbackType === 9);
    const buttonMessage = emu.interactions.get(press)!.payload.message.id;
    const submit = emu.sendInteraction({ type: 'modal', modalOf: press });
    const payload = emu.interactions.get(submit)!.payload;
    expect(payload.data).toEqual({ custom_id: 'legacy', components: [{ type: 1, id: 1, components: [{ type: 4, id: 2, custom_id: 'note', value: 'draft' }] }] });
    expect(payload.message.id).toBe(buttonMessage);
    const edit = await emu.waitForInteractionResponse(submit, (r) => r.kind === 'editOriginal');
    expect(edit.body.content).toBe(`note: draft on ${buttonMessage}`);
    expect(emu.interactionResponses(submit).map((r) => [r.kind, r.callbackType, r.ephemeral])).toEqual([
      ['callback', 5, true],
      ['editOriginal', undefined, true],
    ]);
  });

  it('validates modal callbacks like Discord', async () => {
    const id = emu.sendInteraction({ type: 'command', name: 'unhandled' });
    const { token } = emu.interactions.get(id)!;
    const callback = (data: object) => rest.post(Routes.interactionCallback(id, token), { body: { type: 9, data }, auth: false }).catch((e) => e as DiscordAPIError);
    const row = (custom_id: string, extra: object = {}) => ({ type: 1, components: [{ type: 4, custom_id, label: 'L', style: 1, ...extra }] });
    const noTitle = (await callback({ custom_id: 'm', components: [row('a')] })) as DiscordAPIError;
    expect(noTitle.rawError).toMatchObject({ code: 50035, errors: { data: { title: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } } });
    const six = (await callback({ custom_id: 'm', title: 'T', components: [1, 2, 3, 4, 5, 6].map((n) => row(`f${n}`)) })) as DiscordAPIError;
    expect(six.rawError).toMatchObject({ errors: { data: { components: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } });
    const button = (await callback({ custom_id: 'm', title: 'T', components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'b', label: 'B' }] }] })) as DiscordAPIError;
    expect(button.rawError).toMatchObject({ errors: { data: { components: { 0: { components: { 0: { type: expect.anything() } } } } } } });
    const duplicate = (await callback({ custom_id: 'm', title: 'T', components: [row('a'), row('a')] })) as DiscordAPIError;
    expect(duplicate.rawError).toMatchObject({ errors: { data: { components: { 1: { components: { 0: { custom_id: expect.anything() } } } } } } });
    expect(emu.interactions.get(id)!.acknowledged).toBe(false);
    await callback({ custom_id: 'm', title: 'T', components: [row('a')] });
    expect(emu.interactionResponses(id).map((r) => [r.callbackType, r.status])).toEqual([[9, 204]]);
    expect(emu.modalShown(id)).toMatchObject({ custom_id: 'm', title: 'T' });
    const submits = [...emu.interactions.values()].filter((i) => i.type === 5);
    expect(submits.map((i) => seen.get(i.id)?.error)).toEqual([undefined, undefined]);
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

describe('DiscordEmulator blackhole (the route to Discord lost)', () => {
  it('leaves requests unanswered and gateway connections silent, open, until stop()', async () => {
    const dark = new DiscordEmulator({ token: TOKEN });
    await dark.start();
    try {
      const headers = { authorization: `Bot ${TOKEN}` };
      expect((await fetch(`${dark.apiUrl}/v10/gateway/bot`, { headers })).status).toBe(200);
      const ws = new WebSocket(`${dark.gatewayUrl}/?v=10&encoding=json`);
      const frames: string[] = [];
      ws.on('message', (d) => frames.push(String(d)));
      await once(ws, 'open');
      await sleep(100);
      expect(frames).toHaveLength(1); // Hello

      dark.blackhole();
      const requests = dark.requests.length;
      await expect(fetch(`${dark.apiUrl}/v10/gateway/bot`, { headers, signal: AbortSignal.timeout(500) })).rejects.toThrow(/abort|timeout/i);
      ws.send(JSON.stringify({ op: 1, d: null }));
      const late = new WebSocket(`${dark.gatewayUrl}/?v=10&encoding=json`);
      const lateFrames: string[] = [];
      late.on('message', (d) => lateFrames.push(String(d)));
      await sleep(300);
      // No heartbeat ACK, no Hello for a new connection, nothing recorded; both connections still open.
      expect({ frames: frames.length, lateFrames, requests: dark.requests.length - requests, open: ws.readyState === WebSocket.OPEN }).toEqual({ frames: 1, lateFrames: [], requests: 0, open: true });
      ws.terminate();
      late.terminate();
    } finally {
      await dark.stop();
    }
  });
});
