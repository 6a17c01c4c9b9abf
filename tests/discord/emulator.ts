// Loopback Discord API emulator (REST v10 + JSON gateway) for end-to-end tests of the real discord.js client.
// Everything listens on 127.0.0.1 with an ephemeral port. Payload shapes follow the Discord API docs closely
// enough for discord.js 14 to build its structures; behaviour that bots commonly get wrong is enforced
// (3 s interaction deadline, double acknowledgement, 2000-char content, empty messages, intents, permissions).
// Threads (public/private, started from a message or not) and modals (type 9 callbacks, mirrored submits) included.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as zlibConstants, createDeflate, deflateSync, type Deflate } from 'node:zlib';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Obj = Record<string, any>;

// ---------------------------------------------------------------------------------------------------------------
// Constants

export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED_INTENTS = Intents.GuildMembers | Intents.GuildPresences | Intents.MessageContent;

export const Perm = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;
const ALL_PERMISSIONS = (1n << 51n) - 1n;

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const MessageFlags = { HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7 } as const;
const ChannelType = { GuildText: 0, DM: 1, GuildAnnouncement: 5, AnnouncementThread: 10, PublicThread: 11, PrivateThread: 12 } as const;
const isThread = (c: Obj | undefined): c is Obj & { thread_metadata: Obj } => c?.type === 10 || c?.type === 11 || c?.type === 12;
const AUTO_ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];
const DISCORD_EPOCH = 1420070400000n;

// ---------------------------------------------------------------------------------------------------------------
// Public types

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  seq: number;
  time: number;
  method: string;
  /** Path + query as received, e.g. `/api/v10/channels/1/messages?x=1`. */
  url: string;
  /** Path without the `/api[/vN]` prefix and query, e.g. `/channels/1/messages`. */
  path: string;
  apiVersion: number | null;
  /** Matched template, e.g. `PATCH /webhooks/:app/:token/messages/@original`; null for unknown routes. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body. */
  body: any;
  files: RecordedFile[];
  multipart: boolean;
  /** Interaction this request belongs to (callback id, or webhook token). */
  interactionId?: string;
  /** Message created or edited by this request (interaction callbacks and webhooks). */
  messageId?: string;
  /** Whether that message is ephemeral (flag 64). */
  ephemeral?: boolean;
  status: number;
  response: any;
  /** True when the response came from `failNext`. */
  injected: boolean;
  unknownRoute: boolean;
}

export interface GatewayRecord {
  time: number;
  connection: number;
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  d: any;
}

export interface GatewayConnectionInfo {
  id: number;
  url: string;
  query: Record<string, string>;
  compression: 'zlib-stream' | 'identify' | null;
  openedAt: number;
  closedAt?: number;
  /** Close code, whoever closed it. */
  closeCode?: number;
  closedBy?: 'client' | 'server';
}

export interface FaultOptions {
  status: number;
  /** Seconds; used for 429 (default 0.2). */
  retryAfter?: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  global?: boolean;
  /** Override the JSON error body. */
  body?: Obj;
}

export type UserRef = 'admin' | 'member' | 'bot' | string;

export interface AttachmentInput {
  filename: string;
  content: Buffer | string;
  contentType?: string;
  description?: string;
}

export interface InteractionInput {
  type: 'command' | 'autocomplete' | 'button' | 'select' | 'modal';
  /** Command name (command/autocomplete). */
  name?: string;
  subcommand?: string;
  /** Either a name→value map (types come from the registered command, else inferred) or raw option objects. */
  options?: Record<string, string | number | boolean | Obj> | Obj[];
  /** Autocomplete: the focused option name (default: the last one given). */
  focused?: string;
  customId?: string;
  values?: string[];
  /**
   * Modal submit: input custom_id → value (string selects in labels take string[]). When the modal was shown by a
   * type 9 callback, the submit mirrors its layout (action rows or labels), inputs left out are sent as Discord
   * does (pre-filled value or ""), and unknown ids, empty required inputs or bad lengths throw.
   */
  fields?: Record<string, string | string[]>;
  /** Modal submit: the interaction whose type 9 callback showed the modal (default: the latest one with `customId`). */
  modalOf?: string;
  /** Component interactions: the message carrying the component (default: a synthesized bot message). */
  messageId?: string;
  user?: UserRef;
  channelId?: string;
  /** Interaction from the bot's DM with `user` (no guild/member). */
  dm?: boolean;
  /** Override member.permissions (default: computed for the member in the channel). */
  permissions?: string | bigint;
  appPermissions?: string | bigint;
  locale?: string;
  resolved?: Obj;
}

export interface MessageInput {
  content: string;
  author?: UserRef;
  channelId?: string;
  /** Extra user ids to list in `mentions` (ids in `<@id>` form in the content are picked up too). */
  mentions?: string[];
  attachments?: (AttachmentInput | Obj)[];
  /** Reply to this message id. */
  replyTo?: string;
  dm?: boolean;
  embeds?: Obj[];
}

/** A channel object as served by the emulator (text, DM or thread). */
export type StoredChannel = Obj;

export interface ThreadInput {
  name: string;
  /** Start the thread from this message (its channel is the parent; the thread gets the message's id). */
  messageId?: string;
  /** Parent channel for a thread without a message (default general). */
  channelId?: string;
  /** Who starts it (default member). */
  user?: UserRef;
  /** 11 public (default) or 12 private; only for threads without a message. */
  type?: 11 | 12;
  autoArchiveDuration?: 60 | 1440 | 4320 | 10080;
}

export interface StoredMessage {
  data: Obj;
  channelId: string;
  allowedMentions: Obj | undefined;
  /** Who would actually be notified, after applying allowed_mentions. */
  pings: { users: string[]; roles: string[]; everyone: boolean };
  files: RecordedFile[];
  editCount: number;
  deleted: boolean;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Obj;
  createdAt: number;
  channelId: string;
  acknowledged: boolean;
  callbackType?: number;
  callbackData?: Obj;
  originalMessageId?: string;
  followupIds: string[];
}

export interface InteractionResponse {
  kind: 'callback' | 'editOriginal' | 'fetchOriginal' | 'deleteOriginal' | 'followup' | 'editMessage' | 'fetchMessage' | 'deleteMessage';
  /** Interaction callback type (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  callbackType?: number;
  body: any;
  files: RecordedFile[];
  status: number;
  request: RecordedRequest;
  /** Message created or edited by this response, if any. */
  messageId?: string;
  /** Whether that message is ephemeral (undefined when no message is involved, e.g. autocomplete or modal). */
  ephemeral?: boolean;
}

export interface EmulatorOptions {
  /** If set, REST Authorization and IDENTIFY must carry this token (else any `Bot …` token is accepted). */
  token?: string;
  /** Gateway heartbeat interval in ms (default 1000, short for tests; Discord uses ~41250). */
  heartbeatInterval?: number;
  /** Privileged intents enabled for the app (default: all three). IDENTIFY asking for others is closed with 4014. */
  allowedPrivilegedIntents?: number;
  /** Max ms between INTERACTION_CREATE and the initial callback (Discord: 3000). 0 disables. */
  interactionDeadlineMs?: number;
  guildName?: string;
  botName?: string;
}

type Reply = { status: number; body?: any; headers?: Record<string, string>; raw?: Buffer };
interface Ctx {
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: any;
  files: RecordedFile[];
  record: RecordedRequest;
}
interface RouteDef {
  method: string;
  template: string;
  segments: string[];
  auth: boolean;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}
interface Fault extends FaultOptions {
  match: (method: string, path: string) => boolean;
  remaining: number;
}
interface Session {
  id: string;
  seq: number;
  history: { s: number; t: string; d: Obj }[];
  intents: number;
  identify: Obj;
  conn: GatewayConnection | null;
  valid: boolean;
}
interface GatewayConnection {
  info: GatewayConnectionInfo;
  ws: WebSocket;
  session: Session | null;
  deflate: Deflate | null;
  deflateChunks: Buffer[];
  identifyCompress: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const err = (status: number, code: number, message: string, errors?: Obj): Reply => ({
  status,
  body: errors ? { message, code, errors } : { message, code },
});
const notFound = (code: number, what: string): Reply => err(404, code, `Unknown ${what}`);
const fieldError = (code: string, message: string) => ({ _errors: [{ code, message }] });

function toPermString(p: string | bigint | undefined, fallback: bigint): string {
  if (p === undefined) return fallback.toString();
  return typeof p === 'bigint' ? p.toString() : p;
}

const EXT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  eml: 'message/rfc822',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};
function decodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

function guessType(filename: string, given?: string): string {
  if (given && given !== 'application/octet-stream') return given;
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return EXT_TYPES[ext] ?? given ?? 'application/octet-stream';
}

// ---------------------------------------------------------------------------------------------------------------

export class DiscordEmulator extends EventEmitter {
  readonly options: Required<Omit<EmulatorOptions, 'token'>> & { token?: string };

  // Fixture ids (snowflakes, so @discordjs/rest buckets them like real ids).
  readonly applicationId: string;
  readonly guildId: string;
  readonly userIds: { bot: string; admin: string; member: string };
  readonly roleIds: { everyone: string; moderators: string; bot: string };
  readonly channelIds: { general: string; readonly: string };

  /** Every HTTP request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway frame, both directions. */
  readonly gateway: GatewayRecord[] = [];
  readonly connections: GatewayConnectionInfo[] = [];
  /** IDENTIFY `d` payloads received. */
  readonly identifies: Obj[] = [];
  /** RESUME `d` payloads received (including rejected ones). */
  readonly resumes: Obj[] = [];
  resumeCount = 0;
  heartbeatCount = 0;

  readonly users = new Map<string, Obj>();
  readonly members = new Map<string, Obj>();
  readonly roles = new Map<string, Obj>();
  readonly channels = new Map<string, Obj>();
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly globalCommands: Obj[] = [];
  readonly guildCommands = new Map<string, Obj[]>();
  /** Thread id → user id → thread member object. */
  private readonly threadMemberships = new Map<string, Map<string, Obj>>();

  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;
  private seq = 0;
  private lastSnowflake = 0n;
  private connCounter = 0;
  private readonly routes: RouteDef[] = [];
  private readonly faults: Fault[] = [];
  private readonly files = new Map<string, { data: Buffer; contentType: string }>();
  private readonly sessions: Session[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly conns = new Set<GatewayConnection>();
  /** Set by `blackhole()`: nothing is read or sent any more. */
  private silent = false;
  private readonly guildJoinedAt = new Date(Date.now() - 86_400_000).toISOString();

  constructor(options: EmulatorOptions = {}) {
    super();
    this.setMaxListeners(100);
    this.options = {
      token: options.token,
      heartbeatInterval: options.heartbeatInterval ?? 1000,
      allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
      guildName: options.guildName ?? 'Epistle Test Guild',
      botName: options.botName ?? 'Epistle',
    };
    const bot = this.snowflake();
    this.applicationId = bot; // Discord bots share their user id with the application id.
    this.guildId = this.snowflake();
    this.userIds = { bot, admin: this.snowflake(), member: this.snowflake() };
    this.roleIds = { everyone: this.guildId, moderators: this.snowflake(), bot: this.snowflake() };
    this.channelIds = { general: this.snowflake(), readonly: this.snowflake() };
    this.seedFixtures();
    this.defineRoutes();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lifecycle

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  /** Sent as READY.resume_gateway_url; a distinct path so tests can see resumes use it. */
  get resumeGatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/resume`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      this.handleHttp(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `emulator error: ${String(error)}`, code: 0 }));
        }
      });
    });
    const wss = new WebSocketServer({ server, perMessageDeflate: false });
    wss.on('connection', (ws, req) => this.onGatewayConnection(ws, req));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
  }

  async stop(): Promise<void> {
    const { server, wss } = this;
    this.server = null;
    this.wss = null;
    this.silent = false;
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Recording helpers

  /** Resolves with the first recorded request (past or future) matching `predicate`. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (r: RecordedRequest) => {
        if (!predicate(r)) return;
        clearTimeout(timer);
        this.off('request', onRequest);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.off('request', onRequest);
        const recent = this.requests.slice(-8).map((r) => `${r.method} ${r.path} → ${r.status}`);
        reject(new Error(`waitFor timed out after ${timeoutMs} ms; recent requests:\n  ${recent.join('\n  ')}`));
      }, timeoutMs);
      this.on('request', onRequest);
    });
  }

  /** Polls `condition` every 10 ms. */
  async waitUntil(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`waitUntil(${what}) timed out after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Requests for one interaction (callback + webhook follow-ups/edits), in order; only 2xx unless includeFailed. */
  interactionResponses(interactionId: string, { includeFailed = false } = {}): InteractionResponse[] {
    return this.requests
      .filter((r) => r.interactionId === interactionId && (includeFailed || (r.status >= 200 && r.status < 300)))
      .map((r) => ({
        kind: this.responseKind(r),
        callbackType: r.route?.endsWith('/callback') ? r.body?.type : undefined,
        body: r.body,
        files: r.files,
        status: r.status,
        request: r,
        messageId: r.messageId,
        ephemeral: r.ephemeral,
      }));
  }

  /** Waits until the interaction has a (2xx) response matching `predicate`. */
  async waitForInteractionResponse(
    interactionId: string,
    predicate: (r: InteractionResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<InteractionResponse> {
    let hit: InteractionResponse | undefined;
    await this.waitUntil(
      () => (hit = this.interactionResponses(interactionId).find(predicate)) !== undefined,
      timeoutMs,
      `response to interaction ${interactionId}`,
    );
    return hit!;
  }

  unknownRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.unknownRoute);
  }

  get identifyCount(): number {
    return this.identifies.length;
  }
  /** Intents of the latest IDENTIFY. */
  get intents(): number | undefined {
    return this.identifies.at(-1)?.intents;
  }
  /** The live (valid) gateway session, if any. */
  get session(): { id: string; seq: number; connected: boolean } | undefined {
    const s = this.sessions.find((x) => x.valid);
    return s && { id: s.id, seq: s.seq, connected: s.conn !== null };
  }

  getMessage(messageId: string): StoredMessage | undefined {
    return this.messages.get(messageId);
  }
  /** Non-deleted messages in a channel, oldest first. */
  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }
  /** The interaction's original response message, if any. */
  originalMessage(interactionId: string): StoredMessage | undefined {
    const id = this.interactions.get(interactionId)?.originalMessageId;
    return id ? this.messages.get(id) : undefined;
  }

  /** The modal a type 9 callback showed for this interaction (`{custom_id, title, components}`), if any. */
  modalShown(interactionId: string): Obj | undefined {
    const i = this.interactions.get(interactionId);
    return i?.callbackType === 9 ? i.callbackData : undefined;
  }

  /** Thread channels in creation order (archived ones too unless `active`), optionally under one parent. */
  threads({ parentId, active }: { parentId?: string; active?: boolean } = {}): StoredChannel[] {
    return [...this.channels.values()].filter(
      (c) => isThread(c) && (!parentId || c.parent_id === parentId) && (!active || !c.thread_metadata.archived),
    );
  }

  /** The thread started from a message (it shares the message's id). */
  threadOf(messageId: string): StoredChannel | undefined {
    const c = this.channels.get(messageId);
    return isThread(c) ? c : undefined;
  }

  /** User ids of a thread's members, in join order. */
  threadMembers(threadId: string): string[] {
    return [...(this.threadMemberships.get(threadId)?.keys() ?? [])];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Fault injection

  /**
   * The next `times` requests matching `route` get `status`. `route` is `"[METHOD ]/path"` where `:name` matches one
   * segment (e.g. `PATCH /webhooks/:app/:token/messages/@original`), or a RegExp tested on `"METHOD /path"`.
   */
  failNext(route: string | RegExp, options: FaultOptions): void {
    let match: Fault['match'];
    if (route instanceof RegExp) {
      match = (method, path) => route.test(`${method} ${path}`);
    } else {
      const m = /^([A-Z]+)\s+(.*)$/.exec(route.trim());
      const method = m?.[1];
      const pattern = (m?.[2] ?? route.trim()).replace(/\/+$/, '');
      const re = new RegExp(
        `^${pattern
          .split('/')
          .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/')}$`,
      );
      match = (reqMethod, path) => (!method || method === reqMethod) && re.test(path);
    }
    this.faults.push({ ...options, match, remaining: options.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Test-side drivers

  /** Registers a downloadable file and returns a Discord attachment object pointing at it. */
  addAttachment(input: AttachmentInput, channelId = this.channelIds.general): Obj {
    const data = typeof input.content === 'string' ? Buffer.from(input.content) : input.content;
    return this.storeAttachment(channelId, input.filename, data, guessType(input.filename, input.contentType), input.description);
  }

  /** Dispatches INTERACTION_CREATE and returns the interaction id. */
  sendInteraction(input: InteractionInput): string {
    // A modal submit comes from the user who was shown the modal, where it was shown.
    const opener = input.type === 'modal' ? this.modalOpener(input) : undefined;
    const openerUser = opener && (opener.payload.member?.user ?? opener.payload.user)?.id;
    const user = this.resolveUser(input.user ?? openerUser ?? 'member');
    const dm = input.dm ?? (opener ? !opener.payload.guild_id : false);
    const id = this.snowflake();
    const token = `aW50ZXJhY3Rpb246${id}${randomBytes(48).toString('base64url')}`;
    const channel = dm ? this.dmChannelFor(user.id) : this.channels.get(input.channelId ?? opener?.channelId ?? this.channelIds.general);
    if (!channel) throw new Error(`unknown channel ${input.channelId}`);
    const inGuild = !dm;

    const payload: Obj = {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      channel_id: channel.id,
      channel: isThread(channel) ? this.threadPayload(channel) : { ...channel },
      app_permissions: toPermString(input.appPermissions, this.permissionsFor(this.userIds.bot, channel.id)),
      locale: input.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: inGuild ? { '0': this.guildId } : { '1': user.id },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (inGuild) {
      payload.guild_id = this.guildId;
      payload.guild = { id: this.guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      const member = this.members.get(user.id);
      if (!member) throw new Error(`user ${user.id} is not a guild member`);
      payload.member = {
        ...member,
        user,
        permissions: toPermString(input.permissions, this.permissionsFor(user.id, channel.id)),
      };
    } else {
      payload.user = user;
    }

    switch (input.type) {
      case 'command':
      case 'autocomplete': {
        if (!input.name) throw new Error('command interactions need a name');
        const def = this.findCommand(input.name);
        const resolved: Obj = { ...(input.resolved ?? {}) };
        let options = this.buildOptions(input.options, this.optionDefs(def, input.subcommand), resolved);
        if (input.type === 'autocomplete' && options.length) {
          const focusName = input.focused ?? options.at(-1)!.name;
          options = options.map((o) => (o.name === focusName ? { ...o, focused: true, value: String(o.value) } : o));
        }
        if (input.subcommand) options = [{ name: input.subcommand, type: 1, options }];
        payload.type = input.type === 'command' ? InteractionType.ApplicationCommand : InteractionType.Autocomplete;
        payload.data = {
          id: def?.id ?? this.snowflake(),
          name: input.name,
          type: 1,
          options,
          ...(def?.guild_id ? { guild_id: def.guild_id } : {}),
          ...(Object.keys(resolved).length ? { resolved } : {}),
        };
        break;
      }
      case 'button':
      case 'select': {
        payload.type = InteractionType.MessageComponent;
        payload.data =
          input.type === 'button'
            ? { custom_id: input.customId ?? 'button', component_type: 2 }
            : { custom_id: input.customId ?? 'select', component_type: 3, values: input.values ?? [] };
        payload.message = this.componentMessage(input, channel.id);
        break;
      }
      case 'modal': {
        payload.type = InteractionType.ModalSubmit;
        const modal = opener?.callbackData;
        payload.data = {
          custom_id: input.customId ?? modal?.custom_id ?? 'modal',
          components: modal
            ? this.modalSubmission(modal, input.fields ?? {})
            : Object.entries(input.fields ?? {}).map(([custom_id, value]) => ({
                type: 1,
                components: [{ type: 4, custom_id, value }],
              })),
        };
        // Modals opened from a component carry the component's message.
        const message = input.messageId ? this.messages.get(input.messageId)?.data : opener?.payload.message;
        if (message) payload.message = message;
        break;
      }
    }

    this.interactions.set(id, {
      id,
      token,
      type: payload.type,
      payload,
      createdAt: Date.now(),
      channelId: channel.id,
      acknowledged: false,
      followupIds: [],
    });
    this.tokens.set(token, id);
    this.dispatch('INTERACTION_CREATE', payload);
    return id;
  }

  /** Dispatches MESSAGE_CREATE from a user and returns the message id. */
  sendMessage(input: MessageInput): string {
    const author = this.resolveUser(input.author ?? 'member');
    const channel = input.dm ? this.dmChannelFor(author.id) : this.channels.get(input.channelId ?? this.channelIds.general);
    if (!channel) throw new Error(`unknown channel ${input.channelId}`);
    if (isThread(channel)) {
      if (channel.thread_metadata.locked && !(this.permissionsFor(author.id, channel.id) & Perm.ManageThreads)) {
        throw new Error(`thread ${channel.id} is locked`);
      }
      this.enterThreadToPost(channel, author.id);
    }
    const attachments = (input.attachments ?? []).map((a) =>
      'url' in a && 'id' in a ? a : this.addAttachment(a as AttachmentInput, channel.id),
    );
    const stored = this.createMessage({
      channel,
      author,
      body: { content: input.content, embeds: input.embeds ?? [] },
      attachments,
      extraMentions: input.mentions,
      replyTo: input.replyTo,
    });
    this.emitMessage('MESSAGE_CREATE', stored);
    return stored.data.id;
  }

  /** Starts a thread as a user (from a message, or without one) and dispatches THREAD_CREATE; returns the thread id. */
  startThread(input: ThreadInput): string {
    const user = this.resolveUser(input.user ?? 'member');
    const starter = input.messageId ? this.messages.get(input.messageId) : undefined;
    if (input.messageId && (!starter || starter.deleted || starter.data.flags & MessageFlags.Ephemeral)) throw new Error(`unknown message ${input.messageId}`);
    const parent = this.channels.get(starter?.channelId ?? input.channelId ?? this.channelIds.general);
    if (!parent || (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement)) {
      throw new Error(`cannot start a thread in channel ${parent?.id ?? input.channelId}`);
    }
    if (starter && this.channels.has(starter.data.id)) throw new Error(`message ${starter.data.id} already has a thread`);
    if (input.name.length < 1 || input.name.length > 100) throw new Error('thread names are 1-100 characters');
    const publicType = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
    const type = starter ? publicType : (input.type ?? publicType);
    const needed = type === ChannelType.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads;
    if (!(this.permissionsFor(user.id, parent.id) & needed)) throw new Error(`${user.username} may not create that thread in ${parent.name}`);
    return this.openThread(parent, { name: input.name, type, ownerId: user.id, autoArchive: input.autoArchiveDuration, starter }).id;
  }

  /** A moderator-side edit of a thread (name, archived, locked, auto_archive_duration…); dispatches THREAD_UPDATE. */
  updateThread(threadId: string, changes: Obj): StoredChannel {
    const thread = this.channels.get(threadId);
    if (!isThread(thread)) throw new Error(`unknown thread ${threadId}`);
    this.applyThreadUpdate(thread, changes);
    return thread;
  }

  /** Adds a user (or the bot) to a thread, as a member inviting them would; dispatches what Discord does. */
  addToThread(threadId: string, user: UserRef): void {
    const thread = this.channels.get(threadId);
    if (!isThread(thread)) throw new Error(`unknown thread ${threadId}`);
    this.addThreadMember(thread, this.resolveUser(user).id);
  }

  /** Archives (and optionally locks) a thread, as Discord's inactivity timer or a moderator would. */
  archiveThread(threadId: string, { locked = false }: { locked?: boolean } = {}): StoredChannel {
    return this.updateThread(threadId, locked ? { archived: true, locked: true } : { archived: true });
  }

  /** Sends any dispatch to every live session (buffered for replay if the socket is down). */
  dispatch(t: string, d: Obj): void {
    const live = this.sessions.filter((s) => s.valid);
    if (!live.length) throw new Error(`no gateway session to dispatch ${t} to`);
    for (const session of live) this.dispatchTo(session, t, d);
  }

  /**
   * Closes the gateway socket(s). Resumable: close code 4000 (or a TCP drop with `terminate: true`); the session is
   * kept and dispatches sent meanwhile are replayed on RESUME. Not resumable: the session is invalidated and the
   * socket closed with 1000, so the client must IDENTIFY again.
   */
  dropConnection({ resumable = true, code, terminate = false }: { resumable?: boolean; code?: number; terminate?: boolean } = {}): void {
    for (const conn of [...this.conns]) {
      if (!conn.session) continue;
      if (!resumable) conn.session.valid = false;
      conn.session.conn = null;
      conn.info.closedBy = 'server';
      if (terminate) conn.ws.terminate();
      else conn.ws.close(code ?? (resumable ? 4000 : 1000), resumable ? 'emulator drop' : 'emulator reset');
    }
  }

  /**
   * The network goes silent, as when the route to Discord is lost (not refused): connections stay open but
   * nothing more is read from them or sent on them, so requests never get a response, heartbeats no ACK, and a
   * close frame no answer; new connections are accepted, then ignored likewise. Until `stop()`.
   */
  blackhole(): void {
    this.silent = true;
    for (const conn of this.conns) conn.ws.pause();
  }

  /** Asks the client to reconnect and resume (op 7). */
  requestReconnect(): void {
    for (const conn of this.conns) if (conn.session) this.sendGateway(conn, { op: Op.Reconnect, d: null });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Fixtures

  private snowflake(): string {
    // Timestamp-based like Discord's; forced strictly increasing so ids made in the same ms stay unique.
    const fromClock = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    this.lastSnowflake = fromClock > this.lastSnowflake ? fromClock : this.lastSnowflake + 1n;
    return this.lastSnowflake.toString();
  }

  private seedFixtures(): void {
    const mkUser = (id: string, username: string, bot = false): Obj => ({
      id,
      username,
      discriminator: '0',
      global_name: bot ? null : username[0]!.toUpperCase() + username.slice(1),
      avatar: null,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      public_flags: 0,
      flags: 0,
      ...(bot ? { bot: true, verified: true, mfa_enabled: true } : {}),
    });
    this.users.set(this.userIds.bot, mkUser(this.userIds.bot, this.options.botName.toLowerCase(), true));
    this.users.get(this.userIds.bot)!.username = this.options.botName;
    this.users.set(this.userIds.admin, mkUser(this.userIds.admin, 'alice'));
    this.users.set(this.userIds.member, mkUser(this.userIds.member, 'bob'));

    const role = (id: string, name: string, permissions: bigint, position: number, extra: Obj = {}): Obj => ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0,
      ...extra,
    });
    const everyone =
      Perm.CreateInstantInvite |
      Perm.AddReactions |
      Perm.ViewChannel |
      Perm.SendMessages |
      Perm.EmbedLinks |
      Perm.AttachFiles |
      Perm.ReadMessageHistory |
      Perm.UseExternalEmojis |
      Perm.UseApplicationCommands |
      Perm.CreatePublicThreads |
      Perm.CreatePrivateThreads |
      Perm.SendMessagesInThreads;
    this.roles.set(this.roleIds.everyone, role(this.roleIds.everyone, '@everyone', everyone, 0));
    this.roles.set(
      this.roleIds.moderators,
      role(this.roleIds.moderators, 'Moderators', Perm.ManageGuild | Perm.ManageMessages | Perm.KickMembers, 1, { mentionable: true }),
    );
    this.roles.set(
      this.roleIds.bot,
      role(
        this.roleIds.bot,
        this.options.botName,
        Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles | Perm.ReadMessageHistory | Perm.AddReactions,
        2,
        { managed: true, tags: { bot_id: this.userIds.bot } },
      ),
    );

    const member = (userId: string, roles: string[]): Obj => ({
      user: this.users.get(userId),
      nick: null,
      avatar: null,
      banner: null,
      roles,
      joined_at: this.guildJoinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    });
    this.members.set(this.userIds.bot, member(this.userIds.bot, [this.roleIds.bot]));
    this.members.set(this.userIds.admin, member(this.userIds.admin, [this.roleIds.moderators]));
    this.members.set(this.userIds.member, member(this.userIds.member, []));

    const text = (id: string, name: string, position: number, overwrites: Obj[] = []): Obj => ({
      id,
      type: 0,
      guild_id: this.guildId,
      name,
      position,
      permission_overwrites: overwrites,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    });
    this.channels.set(this.channelIds.general, text(this.channelIds.general, 'general', 0));
    // The bot can read but not post here (role overwrite denies SendMessages).
    this.channels.set(
      this.channelIds.readonly,
      text(this.channelIds.readonly, 'announcements', 1, [
        { id: this.roleIds.bot, type: 0, allow: '0', deny: Perm.SendMessages.toString() },
      ]),
    );
  }

  private resolveUser(ref: UserRef): Obj {
    const id = ref === 'admin' || ref === 'member' || ref === 'bot' ? this.userIds[ref] : ref;
    const user = this.users.get(id);
    if (!user) throw new Error(`unknown user ${ref}`);
    return user;
  }

  /** Adds a plain guild member (or a user with extra roles) and returns its id. */
  addMember(username: string, roles: string[] = []): string {
    const id = this.snowflake();
    const base = this.users.get(this.userIds.member)!;
    this.users.set(id, { ...base, id, username, global_name: username });
    this.members.set(id, { ...this.members.get(this.userIds.member)!, user: this.users.get(id), roles });
    return id;
  }

  private dmChannelFor(userId: string): Obj {
    for (const c of this.channels.values()) if (c.type === 1 && c.recipients?.[0]?.id === userId) return c;
    const channel = { id: this.snowflake(), type: 1, last_message_id: null, flags: 0, recipients: [this.users.get(userId)] };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Channel permissions per Discord's algorithm (base roles, Administrator, then overwrites). */
  permissionsFor(userId: string, channelId?: string): bigint {
    const member = this.members.get(userId);
    if (!member) return 0n;
    const channel = channelId ? this.channels.get(channelId) : undefined;
    if (isThread(channel)) {
      // Threads use the parent's permissions; a private thread is hidden from non-members without ManageThreads.
      const parentPerms = this.permissionsFor(userId, channel.parent_id);
      const hidden = channel.type === ChannelType.PrivateThread && !(parentPerms & Perm.ManageThreads) && !this.threadMemberships.get(channel.id)?.has(userId);
      return hidden ? 0n : parentPerms;
    }
    const guild = this.guildObject();
    if (guild.owner_id === userId) return ALL_PERMISSIONS;
    let perms = BigInt(this.roles.get(this.roleIds.everyone)!.permissions);
    for (const r of member.roles as string[]) perms |= BigInt(this.roles.get(r)?.permissions ?? '0');
    if (perms & Perm.Administrator) return ALL_PERMISSIONS;
    if (!channel || channel.type === 1) return perms;
    const ow: Obj[] = channel.permission_overwrites ?? [];
    const apply = (o: Obj | undefined) => {
      if (o) perms = (perms & ~BigInt(o.deny)) | BigInt(o.allow);
    };
    apply(ow.find((o) => o.id === this.roleIds.everyone));
    let allow = 0n;
    let deny = 0n;
    for (const o of ow) {
      if (o.type === 0 && o.id !== this.roleIds.everyone && (member.roles as string[]).includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    perms = (perms & ~deny) | allow;
    apply(ow.find((o) => o.type === 1 && o.id === userId));
    return perms;
  }

  private guildObject(): Obj {
    return {
      id: this.guildId,
      name: this.options.guildName,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.userIds.admin,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [...this.roles.values()],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channelIds.general,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
    };
  }

  private guildCreatePayload(): Obj {
    return {
      ...this.guildObject(),
      joined_at: this.guildJoinedAt,
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.values()],
      channels: [...this.channels.values()].filter((c) => c.type !== 1 && !isThread(c)),
      // Active threads the bot can see, with its thread member (without id/user_id, as in GUILD_CREATE).
      threads: this.threads({ active: true })
        .filter((t) => this.botCanView(t.id))
        .map((t) => this.threadPayload(t, this.botThreadMember(t, false))),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private applicationObject(): Obj {
    const p = this.options.allowedPrivilegedIntents;
    const flags =
      (p & Intents.GuildPresences ? 1 << 12 : 0) | (p & Intents.GuildMembers ? 1 << 14 : 0) | (p & Intents.MessageContent ? 1 << 18 : 0);
    return {
      id: this.applicationId,
      name: this.options.botName,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags,
      owner: this.users.get(this.userIds.admin),
      team: null,
      bot: this.users.get(this.userIds.bot),
      approximate_guild_count: 1,
      tags: [],
      integration_types_config: { '0': {} },
    };
  }

  private findCommand(name: string): Obj | undefined {
    return (this.guildCommands.get(this.guildId) ?? []).find((c) => c.name === name) ?? this.globalCommands.find((c) => c.name === name);
  }

  private optionDefs(def: Obj | undefined, subcommand?: string): Obj[] {
    if (!def) return [];
    const top: Obj[] = def.options ?? [];
    if (!subcommand) return top;
    return top.find((o) => o.name === subcommand && o.type === 1)?.options ?? [];
  }

  private buildOptions(input: InteractionInput['options'], defs: Obj[], resolved: Obj): Obj[] {
    if (!input) return [];
    if (Array.isArray(input)) return input;
    return Object.entries(input).map(([name, value]) => {
      const declared = defs.find((d) => d.name === name)?.type as number | undefined;
      if (value && typeof value === 'object') {
        // An attachment object from addAttachment().
        (resolved.attachments ??= {})[value.id] = value;
        return { name, type: 11, value: value.id };
      }
      const type =
        declared ?? (typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3);
      if (type === 6 && typeof value === 'string') {
        const user = this.users.get(value);
        if (user) (resolved.users ??= {})[value] = user;
        const member = this.members.get(value);
        if (member) {
          const { user: _u, ...partial } = member;
          (resolved.members ??= {})[value] = { ...partial, permissions: this.permissionsFor(value).toString() };
        }
      }
      return { name, type, value };
    });
  }

  private componentMessage(input: InteractionInput, channelId: string): Obj {
    if (input.messageId) {
      const stored = this.messages.get(input.messageId);
      if (!stored) throw new Error(`unknown message ${input.messageId}`);
      return stored.data;
    }
    const stored = this.createMessage({
      channel: this.channels.get(channelId)!,
      author: this.users.get(this.userIds.bot)!,
      body: {
        content: 'synthesized message with a component',
        components: [
          {
            type: 1,
            components:
              input.type === 'button'
                ? [{ type: 2, style: 1, label: 'Button', custom_id: input.customId ?? 'button' }]
                : [{ type: 3, custom_id: input.customId ?? 'select', options: (input.values ?? []).map((v) => ({ label: v, value: v })) }],
          },
        ],
      },
      attachments: [],
    });
    return stored.data;
  }

  /** The interaction whose modal a submit answers: `modalOf`, else the latest modal shown with `customId` (or any). */
  private modalOpener(input: InteractionInput): InteractionRecord | undefined {
    if (input.modalOf) {
      const i = this.interactions.get(input.modalOf);
      if (i?.callbackType !== 9) throw new Error(`interaction ${input.modalOf} did not show a modal`);
      return i;
    }
    return [...this.interactions.values()]
      .filter((i) => i.callbackType === 9 && (input.customId === undefined || i.callbackData?.custom_id === input.customId))
      .at(-1);
  }

  /** `data.components` of a modal submit, mirroring the modal's layout, with Discord's numeric component ids. */
  private modalSubmission(modal: Obj, fields: Record<string, string | string[]>): Obj[] {
    const where = `modal ${modal.custom_id}`;
    const taken = new Set<number>();
    const inputs = new Set<string>();
    const collect = (c: Obj) => {
      if (typeof c.id === 'number') taken.add(c.id);
      if (typeof c.custom_id === 'string') inputs.add(c.custom_id);
      for (const x of c.components ?? []) collect(x);
      if (c.component) collect(c.component);
    };
    (modal.components as Obj[]).forEach(collect);
    const unknown = Object.keys(fields).filter((k) => !inputs.has(k));
    if (unknown.length) throw new Error(`${where} has no input ${unknown.join(', ')}`);
    let next = 1;
    const idOf = (c: Obj): number => {
      if (typeof c.id === 'number') return c.id;
      while (taken.has(next)) next++;
      taken.add(next);
      return next;
    };
    const submit = (c: Obj): Obj => {
      const id = idOf(c);
      const given = fields[c.custom_id];
      if (c.type !== 4) {
        const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
        return { type: c.type, id, custom_id: c.custom_id, values };
      }
      // The client sends every text input (untouched ones keep their pre-filled value) and enforces its limits.
      const value = given === undefined ? (c.value ?? '') : String(given);
      if ((c.required ?? true) && !value) throw new Error(`${where}: required input ${c.custom_id} is empty`);
      const [min, max] = [c.min_length ?? 0, c.max_length ?? 4000];
      if (value && (value.length < min || value.length > max)) throw new Error(`${where}: input ${c.custom_id} takes ${min}-${max} characters`);
      return { type: 4, id, custom_id: c.custom_id, value };
    };
    return (modal.components as Obj[]).map((row) => {
      const id = idOf(row);
      if (row.type === 1) return { type: 1, id, components: (row.components as Obj[]).map(submit) };
      if (row.type === 18) return { type: 18, id, component: submit(row.component) };
      return { type: row.type, id };
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Messages

  private storeAttachment(channelId: string, filename: string, data: Buffer, contentType: string, description?: string, ephemeral = false): Obj {
    const id = this.snowflake();
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(path, { data, contentType });
    // Discord CDN URLs carry signed expiry parameters; mimic them so URL handling is exercised.
    const ex = Math.floor(Date.now() / 1000 + 86400).toString(16);
    const url = `${this.baseUrl}${path}?ex=${ex}&is=${Math.floor(Date.now() / 1000).toString(16)}&hm=${randomBytes(32).toString('hex')}&`;
    return {
      id,
      filename,
      size: data.length,
      url,
      proxy_url: url,
      content_type: contentType,
      ...(description ? { description } : {}),
      ...(ephemeral ? { ephemeral: true } : {}),
    };
  }

  private computePings(content: string, allowed: Obj | undefined, replyAuthorId?: string, extraUsers: string[] = []): StoredMessage['pings'] {
    const users = [...new Set([...[...content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1]!), ...extraUsers])];
    const roles = [...new Set([...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!))];
    const everyone = /@(everyone|here)\b/.test(content);
    if (!allowed) {
      return { users: replyAuthorId ? [...new Set([...users, replyAuthorId])] : users, roles, everyone };
    }
    const parse: string[] = allowed.parse ?? [];
    const pingUsers = parse.includes('users') ? users : users.filter((u) => (allowed.users ?? []).includes(u));
    if (replyAuthorId && allowed.replied_user) pingUsers.push(replyAuthorId);
    return {
      users: [...new Set(pingUsers)],
      roles: parse.includes('roles') ? roles : roles.filter((r) => (allowed.roles ?? []).includes(r)),
      everyone: everyone && parse.includes('everyone'),
    };
  }

  private createMessage(args: {
    channel: Obj;
    author: Obj;
    body: Obj;
    attachments: Obj[];
    files?: RecordedFile[];
    type?: number;
    interaction?: InteractionRecord;
    extraMentions?: string[];
    replyTo?: string;
  }): StoredMessage {
    const { channel, author, body } = args;
    const guildId = channel.type === 1 ? undefined : this.guildId;
    const replyToId = args.replyTo ?? body.message_reference?.message_id;
    const referenced = replyToId ? this.messages.get(replyToId) : undefined;
    const content = typeof body.content === 'string' ? body.content : '';
    const pings = this.computePings(content, body.allowed_mentions, referenced?.data.author.id, args.extraMentions);
    const mentionUser = (id: string) => {
      const u = this.users.get(id);
      if (!u) return undefined;
      const m = guildId ? this.members.get(id) : undefined;
      if (!m) return u;
      const { user: _u, ...partial } = m;
      return { ...u, member: partial };
    };
    const data: Obj = {
      id: this.snowflake(),
      channel_id: channel.id,
      ...(guildId ? { guild_id: guildId } : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: Boolean(body.tts),
      mention_everyone: pings.everyone,
      mentions: pings.users.map(mentionUser).filter(Boolean),
      mention_roles: pings.roles,
      attachments: args.attachments,
      embeds: (body.embeds ?? []).map((e: Obj) => ({ type: 'rich', ...e })),
      components: body.components ?? [],
      pinned: false,
      type: args.type ?? (referenced ? 19 : 0),
      flags: body.flags ?? 0,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    };
    if (guildId && !author.bot) {
      const m = this.members.get(author.id);
      if (m) {
        const { user: _u, ...partial } = m;
        data.member = partial;
      }
    }
    if (referenced) {
      data.message_reference = { type: 0, message_id: referenced.data.id, channel_id: referenced.channelId, guild_id: guildId };
      data.referenced_message = referenced.data;
    }
    if (args.interaction) {
      const i = args.interaction;
      const user = i.payload.member?.user ?? i.payload.user;
      data.webhook_id = this.applicationId;
      data.application_id = this.applicationId;
      data.interaction_metadata = {
        id: i.id,
        type: i.type,
        user,
        authorizing_integration_owners: i.payload.authorizing_integration_owners,
        ...(i.type === InteractionType.ApplicationCommand ? { name: i.payload.data.name, command_type: 1 } : {}),
        ...(i.originalMessageId ? { original_response_message_id: i.originalMessageId } : {}),
      };
      data.interaction = { id: i.id, type: i.type, name: i.payload.data?.name ?? '', user };
    }
    const stored: StoredMessage = {
      data,
      channelId: channel.id,
      allowedMentions: body.allowed_mentions,
      pings,
      files: args.files ?? [],
      editCount: 0,
      deleted: false,
    };
    this.messages.set(data.id, stored);
    channel.last_message_id = data.id;
    if (isThread(channel) && !(data.flags & MessageFlags.Ephemeral)) {
      channel.message_count++;
      channel.total_message_sent++;
      this.syncStarter(channel);
    }
    return stored;
  }

  /** Applies a partial edit (content/embeds/components/attachments/flags/allowed_mentions) to a stored message. */
  private editMessage(stored: StoredMessage, body: Obj, files: RecordedFile[], interaction?: InteractionRecord): void {
    const d = stored.data;
    if ('content' in body) d.content = body.content ?? '';
    if ('embeds' in body) d.embeds = (body.embeds ?? []).map((e: Obj) => ({ type: 'rich', ...e }));
    if ('components' in body) d.components = body.components ?? [];
    // Ephemeral and HasThread are Discord's to set, not the editor's.
    const fixed = MessageFlags.Ephemeral | MessageFlags.HasThread;
    if ('flags' in body && body.flags != null) d.flags = (d.flags & fixed) | (body.flags & ~fixed);
    d.flags &= ~MessageFlags.Loading;
    const newAttachments = this.attachmentsFromUpload(stored.channelId, body, files, Boolean(d.flags & MessageFlags.Ephemeral));
    if ('attachments' in body) {
      const keep = new Set(((body.attachments ?? []) as Obj[]).map((a) => String(a.id)));
      d.attachments = (d.attachments as Obj[]).filter((a) => keep.has(a.id)).concat(newAttachments);
    } else {
      d.attachments = (d.attachments as Obj[]).concat(newAttachments);
    }
    if ('allowed_mentions' in body) stored.allowedMentions = body.allowed_mentions;
    stored.pings = this.computePings(d.content, stored.allowedMentions);
    d.mention_everyone = stored.pings.everyone;
    d.mentions = stored.pings.users.map((id) => this.users.get(id)).filter(Boolean);
    d.mention_roles = stored.pings.roles;
    d.edited_timestamp = new Date().toISOString();
    if (interaction && !d.interaction_metadata) {
      d.webhook_id = this.applicationId;
    }
    stored.files.push(...files);
    stored.editCount++;
  }

  private attachmentsFromUpload(channelId: string, body: Obj, files: RecordedFile[], ephemeral: boolean): Obj[] {
    const meta: Obj[] = body?.attachments ?? [];
    return files.map((f, index) => {
      const key = /^files\[(.+)\]$/.exec(f.field)?.[1] ?? String(index);
      const m = meta.find((a) => String(a.id) === key);
      const filename = m?.filename ?? f.name;
      return this.storeAttachment(channelId, filename, f.data, guessType(filename, f.contentType), m?.description, ephemeral);
    });
  }

  /** MESSAGE_CREATE/UPDATE as Discord would deliver them to this session (intents + content gating). */
  private emitMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', stored: StoredMessage): void {
    if (stored.data.flags & MessageFlags.Ephemeral) return;
    const dm = !stored.data.guild_id;
    if (!dm && !this.botCanView(stored.channelId)) return; // e.g. a private thread the bot is not in
    for (const session of this.sessions.filter((s) => s.valid)) {
      const needed = dm ? Intents.DirectMessages : Intents.GuildMessages;
      if (!(session.intents & needed)) continue;
      const d = stored.data;
      const visible =
        dm ||
        session.intents & Intents.MessageContent ||
        d.author.id === this.userIds.bot ||
        (d.mentions as Obj[]).some((u) => u.id === this.userIds.bot) ||
        d.referenced_message?.author?.id === this.userIds.bot;
      const payload = visible ? { ...d } : { ...d, content: '', embeds: [], attachments: [], components: [] };
      this.dispatchTo(session, t, payload);
    }
  }

  /** Marks a message deleted; a thread's message_count drops (total_message_sent does not). */
  private markDeleted(stored: StoredMessage): void {
    if (stored.deleted) return;
    stored.deleted = true;
    const channel = this.channels.get(stored.channelId);
    if (isThread(channel) && !(stored.data.flags & MessageFlags.Ephemeral)) {
      channel.message_count = Math.max(0, channel.message_count - 1);
      this.syncStarter(channel);
    }
  }

  /** Messages a client can read in a channel, oldest first; a thread started from a message opens with a type 21. */
  private channelHistory(channel: Obj): Obj[] {
    const list = this.messagesIn(channel.id)
      .filter((m) => !(m.data.flags & MessageFlags.Ephemeral))
      .map((m) => m.data);
    const starter = isThread(channel) ? this.threadStarterMessage(channel) : undefined;
    return starter ? [starter, ...list] : list;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Threads

  /** The thread's THREAD_STARTER_MESSAGE (type 21): it shares the thread's id and only references the parent message. */
  private threadStarterMessage(thread: Obj): Obj | undefined {
    const source = this.messages.get(thread.id);
    if (!source || source.channelId !== thread.parent_id) return undefined;
    return {
      id: thread.id,
      channel_id: thread.id,
      guild_id: this.guildId,
      author: source.data.author,
      content: '',
      timestamp: thread.thread_metadata.create_timestamp,
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 21,
      flags: 0,
      message_reference: { type: 0, message_id: thread.id, channel_id: thread.parent_id, guild_id: this.guildId },
      referenced_message: source.deleted ? null : source.data,
    };
  }

  /** A copy of the thread (thread_metadata included) for payloads, plus `extra` (e.g. the bot's thread member). */
  private threadPayload(thread: Obj, extra: Obj = {}): Obj {
    return { ...thread, thread_metadata: { ...thread.thread_metadata }, ...extra };
  }

  /** `{member}` for threads the bot has joined; GUILD_CREATE omits the member's id and user_id. */
  private botThreadMember(thread: Obj, full = true): Obj {
    const m = this.threadMemberships.get(thread.id)?.get(this.userIds.bot);
    if (!m) return {};
    return { member: full ? { ...m } : { join_timestamp: m.join_timestamp, flags: m.flags } };
  }

  private botCanView(channelId: string): boolean {
    return (this.permissionsFor(this.userIds.bot, channelId) & Perm.ViewChannel) !== 0n;
  }

  /** Keeps the starter message's `thread` field in step with the thread. */
  private syncStarter(thread: Obj): void {
    const starter = this.messages.get(thread.id);
    if (starter && starter.channelId === thread.parent_id) starter.data.thread = this.threadPayload(thread);
  }

  /** Channel and thread events need the Guilds intent; thread events reach the bot only for threads it can see. */
  private dispatchGuildEvent(t: string, d: Obj, visible = true): void {
    if (!visible) return;
    for (const s of this.sessions) if (s.valid && s.intents & Intents.Guilds) this.dispatchTo(s, t, d);
  }

  private openThread(
    parent: Obj,
    args: { name: string; type: number; ownerId: string; autoArchive?: number; rateLimit?: number | null; invitable?: boolean; starter?: StoredMessage },
  ): Obj {
    const now = new Date().toISOString();
    const thread: Obj = {
      id: args.starter?.data.id ?? this.snowflake(),
      type: args.type,
      guild_id: this.guildId,
      parent_id: parent.id,
      owner_id: args.ownerId,
      name: args.name,
      last_message_id: null,
      rate_limit_per_user: args.rateLimit ?? 0,
      flags: 0,
      thread_metadata: {
        archived: false,
        // Discord uses 1440 when the request has none, whatever the channel's default.
        auto_archive_duration: args.autoArchive ?? 1440,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(args.type === ChannelType.PrivateThread ? { invitable: args.invitable ?? true } : {}),
      },
      message_count: 0,
      member_count: 0,
      total_message_sent: 0,
    };
    this.channels.set(thread.id, thread);
    const owner = this.addThreadMember(thread, args.ownerId, false)!;
    if (args.starter) args.starter.data.flags |= MessageFlags.HasThread;
    this.syncStarter(thread);
    this.dispatchGuildEvent('THREAD_CREATE', this.threadPayload(thread, { newly_created: true }), this.botCanView(thread.id));
    this.emitThreadMembersUpdate(thread, [owner], []);
    if (args.starter) this.emitMessage('MESSAGE_UPDATE', args.starter);
    if (!args.starter && args.type !== ChannelType.PrivateThread) {
      // A public thread without a message is announced in the parent by a THREAD_CREATED (type 18) message.
      const notice = this.createMessage({ channel: parent, author: this.users.get(args.ownerId)!, body: { content: args.name }, attachments: [], type: 18 });
      notice.data.message_reference = { type: 0, channel_id: thread.id, guild_id: this.guildId };
      this.emitMessage('MESSAGE_CREATE', notice);
    }
    return thread;
  }

  /** Adds a thread member (no-op if present) and, if `announce`, dispatches what Discord does; returns the new member. */
  private addThreadMember(thread: Obj, userId: string, announce = true): Obj | undefined {
    let members = this.threadMemberships.get(thread.id);
    if (!members) this.threadMemberships.set(thread.id, (members = new Map()));
    if (members.has(userId)) return undefined;
    const couldView = this.botCanView(thread.id);
    const member = { id: thread.id, user_id: userId, join_timestamp: new Date().toISOString(), flags: 0 };
    members.set(userId, member);
    thread.member_count = Math.min(members.size, 50); // Discord stops counting at 50
    this.syncStarter(thread);
    if (announce) {
      // A bot added to a private thread it could not see gets the thread first.
      if (userId === this.userIds.bot && !couldView) this.dispatchGuildEvent('THREAD_CREATE', this.threadPayload(thread, { member }), this.botCanView(thread.id));
      this.emitThreadMembersUpdate(thread, [member], []);
    }
    return member;
  }

  private removeThreadMember(thread: Obj, userId: string): void {
    const members = this.threadMemberships.get(thread.id);
    if (!members?.delete(userId)) return;
    thread.member_count = Math.min(members.size, 50);
    this.syncStarter(thread);
    this.emitThreadMembersUpdate(thread, [], [userId]);
  }

  /** THREAD_MEMBERS_UPDATE: always for the bot's own membership, for other users only with the GuildMembers intent. */
  private emitThreadMembersUpdate(thread: Obj, added: Obj[], removedIds: string[]): void {
    const bot = this.userIds.bot;
    const aboutBot = added.some((m) => m.user_id === bot) || removedIds.includes(bot);
    if (!aboutBot && !this.botCanView(thread.id)) return;
    const d: Obj = { id: thread.id, guild_id: this.guildId, member_count: thread.member_count };
    if (added.length) d.added_members = added.map((m) => ({ ...m, member: this.members.get(m.user_id) }));
    if (removedIds.length) d.removed_member_ids = removedIds;
    for (const s of this.sessions) {
      if (s.valid && s.intents & Intents.Guilds && (aboutBot || s.intents & Intents.GuildMembers)) this.dispatchTo(s, 'THREAD_MEMBERS_UPDATE', d);
    }
  }

  /** Posting in a thread unarchives it and makes the author a member, as on Discord (locks are checked by callers). */
  private enterThreadToPost(thread: Obj, userId: string): void {
    if (thread.thread_metadata.archived) this.applyThreadUpdate(thread, { archived: false });
    this.addThreadMember(thread, userId);
  }

  private applyThreadUpdate(thread: Obj, changes: Obj): void {
    const meta = thread.thread_metadata;
    const wasArchived = meta.archived;
    const now = new Date().toISOString();
    if (changes.name != null) thread.name = changes.name;
    if ('rate_limit_per_user' in changes) thread.rate_limit_per_user = changes.rate_limit_per_user ?? 0;
    if (changes.locked != null) meta.locked = Boolean(changes.locked);
    if (changes.invitable != null && thread.type === ChannelType.PrivateThread) meta.invitable = Boolean(changes.invitable);
    if (changes.auto_archive_duration != null && changes.auto_archive_duration !== meta.auto_archive_duration) {
      meta.auto_archive_duration = changes.auto_archive_duration;
      meta.archive_timestamp = now;
    }
    if (changes.archived != null && Boolean(changes.archived) !== wasArchived) {
      meta.archived = Boolean(changes.archived);
      meta.archive_timestamp = now;
    }
    this.syncStarter(thread);
    const visible = this.botCanView(thread.id);
    this.dispatchGuildEvent('THREAD_UPDATE', this.threadPayload(thread), visible);
    // On unarchive Discord re-sends each member's thread member.
    const mine = this.threadMemberships.get(thread.id)?.get(this.userIds.bot);
    if (wasArchived && !meta.archived && mine) this.dispatchGuildEvent('THREAD_MEMBER_UPDATE', { ...mine, guild_id: this.guildId }, visible);
  }

  private deleteThread(thread: Obj): void {
    const visible = this.botCanView(thread.id);
    this.channels.delete(thread.id);
    this.threadMemberships.delete(thread.id);
    for (const m of this.messagesIn(thread.id)) m.deleted = true;
    const starter = this.messages.get(thread.id);
    if (starter && starter.channelId === thread.parent_id) {
      delete starter.data.thread;
      starter.data.flags &= ~MessageFlags.HasThread;
    }
    this.dispatchGuildEvent('THREAD_DELETE', { id: thread.id, guild_id: this.guildId, parent_id: thread.parent_id, type: thread.type }, visible);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Validation (limits from the Discord API docs)

  private validateMessage(body: Obj, files: RecordedFile[], requireSomething: boolean, path = ''): Reply | null {
    if (!body || typeof body !== 'object') return err(400, 50109, 'The request body contains invalid JSON.');
    const errors: Obj = {};
    if (typeof body.content === 'string' && body.content.length > 2000) {
      errors.content = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
    }
    const embeds: Obj[] = Array.isArray(body.embeds) ? body.embeds : [];
    if (embeds.length > 10) errors.embeds = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    let total = 0;
    embeds.forEach((e, i) => {
      const e_: Obj = {};
      const check = (key: string, value: unknown, max: number, target: Obj = e_) => {
        if (typeof value === 'string') {
          total += value.length;
          if (value.length > max) target[key] = fieldError('BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
        }
      };
      check('title', e.title, 256);
      check('description', e.description, 4096);
      if (e.footer) check('footer', e.footer.text, 2048);
      if (e.author) check('author', e.author.name, 256);
      const fields: Obj[] = e.fields ?? [];
      if (fields.length > 25) e_.fields = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      fields.forEach((f, j) => {
        const fe: Obj = {};
        check('name', f.name, 256, fe);
        check('value', f.value, 1024, fe);
        if (Object.keys(fe).length) (e_.fields ??= {})[j] = fe;
      });
      if (Object.keys(e_).length) (errors.embeds ??= {})[i] = e_;
    });
    if (total > 6000) errors.embeds = fieldError('MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
    const am = body.allowed_mentions;
    if (am?.parse) {
      if (am.parse.includes('users') && am.users?.length) {
        errors.allowed_mentions = fieldError('MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids...] are mutually exclusive.');
      }
      if (am.parse.includes('roles') && am.roles?.length) {
        errors.allowed_mentions = fieldError('MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids...] are mutually exclusive.');
      }
    }
    if (Object.keys(errors).length) return err(400, 50035, 'Invalid Form Body', path ? { [path]: errors } : errors);
    if (requireSomething) {
      const hasContent = typeof body.content === 'string' && body.content.trim().length > 0;
      const hasOther = embeds.length > 0 || files.length > 0 || (body.components?.length ?? 0) > 0 || (body.sticker_ids?.length ?? 0) > 0 || body.poll;
      if (!hasContent && !hasOther) return err(400, 50006, 'Cannot send an empty message');
    }
    return null;
  }

  /** Start-thread and edit-thread JSON params. */
  private validateThreadBody(body: Obj, { nameRequired = true, withType = false } = {}): Reply | null {
    const errors: Obj = {};
    if (body.name == null) {
      if (nameRequired) errors.name = fieldError('BASE_TYPE_REQUIRED', 'This field is required');
    } else if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) {
      errors.name = fieldError('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (body.auto_archive_duration != null && !AUTO_ARCHIVE_DURATIONS.includes(body.auto_archive_duration)) {
      errors.auto_archive_duration = fieldError('BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
    }
    const rate = body.rate_limit_per_user;
    if (rate != null && !(Number.isInteger(rate) && rate >= 0 && rate <= 21600)) {
      errors.rate_limit_per_user = fieldError('NUMBER_TYPE_MAX', 'int value should be less than or equal to 21600.');
    }
    if (withType && body.type != null && ![10, 11, 12].includes(body.type)) {
      errors.type = fieldError('BASE_TYPE_CHOICES', 'Value must be one of {10, 11, 12}.');
    }
    return Object.keys(errors).length ? err(400, 50035, 'Invalid Form Body', errors) : null;
  }

  /** Modal callback data: custom_id, title, 1-5 components (action rows holding one text input, labels, text displays). */
  private validateModal(data: Obj): Reply | null {
    const errors: Obj = {};
    const required = () => fieldError('BASE_TYPE_REQUIRED', 'This field is required');
    const length = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;
    const checkString = (target: Obj, key: string, v: unknown, min: number, max: number, optional = false) => {
      if (v === undefined || v === null) {
        if (!optional) target[key] = required();
      } else if (!length(v, min, max)) {
        target[key] = fieldError('BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
      }
    };
    checkString(errors, 'custom_id', data.custom_id, 1, 100);
    checkString(errors, 'title', data.title, 1, 45);
    const seen = new Set<string>();
    const input = (c: Obj, inLabel: boolean): Obj => {
      const e: Obj = {};
      checkString(e, 'custom_id', c.custom_id, 1, 100);
      if (typeof c.custom_id === 'string' && !e.custom_id) {
        if (seen.has(c.custom_id)) e.custom_id = fieldError('COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        seen.add(c.custom_id);
      }
      if (c.type !== 4) return e;
      if (c.style !== 1 && c.style !== 2) e.style = fieldError('BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
      if (!inLabel) checkString(e, 'label', c.label, 1, 45);
      checkString(e, 'placeholder', c.placeholder, 0, 100, true);
      checkString(e, 'value', c.value, 0, 4000, true);
      for (const [key, min] of [['min_length', 0], ['max_length', 1]] as const) {
        const n = c[key];
        if (n != null && !(Number.isInteger(n) && n >= min && n <= 4000)) e[key] = fieldError('NUMBER_TYPE_MAX', 'int value should be less than or equal to 4000.');
      }
      return e;
    };
    const unionError = (types: string) => ({ type: fieldError('UNION_TYPE_CHOICES', `Value of field "type" must be one of (${types}).`) });
    const components = data.components;
    if (!Array.isArray(components)) errors.components = required();
    else if (components.length < 1 || components.length > 5) errors.components = fieldError('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    else {
      components.forEach((row: Obj, i: number) => {
        let e: Obj = {};
        if (row?.type === 1) {
          const inner = row.components;
          if (!Array.isArray(inner) || inner.length !== 1) e.components = fieldError('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1 in length.');
          else if (inner[0]?.type !== 4) e.components = { 0: unionError('4') };
          else {
            const ie = input(inner[0], false);
            if (Object.keys(ie).length) e.components = { 0: ie };
          }
        } else if (row?.type === 18) {
          checkString(e, 'label', row.label, 1, 45);
          checkString(e, 'description', row.description, 0, 100, true);
          const c = row.component;
          if (!c || typeof c !== 'object') e.component = required();
          else if (![3, 4, 5, 6, 7, 8, 19, 21, 22, 23].includes(c.type)) e.component = unionError('3, 4, 5, 6, 7, 8, 19, 21, 22, 23');
          else {
            const ie = input(c, true);
            if (Object.keys(ie).length) e.component = ie;
          }
        } else if (row?.type === 10) {
          checkString(e, 'content', row.content, 1, 4000);
        } else {
          e = unionError('1, 10, 18');
        }
        if (Object.keys(e).length) (errors.components ??= {})[i] = e;
      });
    }
    return Object.keys(errors).length ? err(400, 50035, 'Invalid Form Body', { data: errors }) : null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // HTTP

  private route(method: string, template: string, handler: RouteDef['handler'], auth = true): void {
    this.routes.push({ method, template, segments: template.split('/').slice(1), auth, handler });
  }

  private matchRoute(method: string, path: string): { def: RouteDef; params: Record<string, string> } | null {
    const segs = path.split('/').slice(1);
    for (const def of this.routes) {
      if (def.method !== method || def.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length; i++) {
        const t = def.segments[i]!;
        const s = segs[i]!;
        if (t.startsWith(':')) params[t.slice(1)] = s;
        else if (t !== s) {
          ok = false;
          break;
        }
      }
      if (ok) return { def, params };
    }
    return null;
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.silent) return void req.pause();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;

    const apiMatch = /^\/api(?:\/v(\d+))?(\/.*)$/.exec(url.pathname);
    // API paths are recorded decoded (discord.js sends `@original` as `%40original`).
    const path = apiMatch ? decodePath(apiMatch[2]!.replace(/\/+$/, '') || '/') : url.pathname;
    const record: RecordedRequest = {
      seq: ++this.seq,
      time: Date.now(),
      method,
      url: req.url ?? '/',
      path,
      apiVersion: apiMatch?.[1] ? Number(apiMatch[1]) : null,
      route: null,
      params: {},
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      files: [],
      multipart: false,
      status: 0,
      response: undefined,
      injected: false,
      unknownRoute: false,
    };
    this.requests.push(record);

    let reply: Reply;
    try {
      reply = await this.processHttp(record, apiMatch !== null, raw, headers['content-type'] ?? '');
    } catch (error) {
      reply = { status: 500, body: { message: `emulator error: ${error instanceof Error ? error.stack : String(error)}`, code: 0 } };
    }
    record.status = reply.status;
    record.response = reply.body;
    const outHeaders: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload: Buffer | undefined;
    if (reply.raw) payload = reply.raw;
    else if (reply.body !== undefined && reply.status !== 204) {
      payload = Buffer.from(JSON.stringify(reply.body));
      outHeaders['content-type'] ??= 'application/json';
    }
    if (payload) outHeaders['content-length'] = String(payload.length);
    if (this.silent) return;
    res.writeHead(reply.status, outHeaders);
    res.end(method === 'HEAD' ? undefined : payload);
    this.emit('request', record);
  }

  private async processHttp(record: RecordedRequest, isApi: boolean, raw: Buffer, contentType: string): Promise<Reply> {
    const { method, path } = record;
    if (!isApi) {
      if (path.startsWith('/attachments/') && (method === 'GET' || method === 'HEAD')) {
        record.route = `${method} /attachments/:channel/:id/:filename`;
        const file = this.files.get(path);
        if (!file) return { status: 404, raw: Buffer.from('Not Found'), headers: { 'content-type': 'text/plain' } };
        return { status: 200, raw: file.data, headers: { 'content-type': file.contentType } };
      }
      record.unknownRoute = true;
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    }

    // Body.
    if (contentType.startsWith('multipart/form-data')) {
      record.multipart = true;
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form) {
        if (typeof value === 'string') {
          if (field === 'payload_json') record.body = JSON.parse(value);
        } else {
          const blob = value as Blob & { name?: string };
          record.files.push({ field, name: blob.name ?? field, contentType: blob.type, data: Buffer.from(await blob.arrayBuffer()) });
        }
      }
    } else if (raw.length) {
      try {
        record.body = JSON.parse(raw.toString('utf8'));
      } catch {
        return err(400, 50109, 'The request body contains invalid JSON.');
      }
    }

    const matched = this.matchRoute(method, path);
    if (matched) {
      record.route = `${method} ${matched.def.template}`;
      record.params = matched.params;
      record.interactionId = this.interactionIdFor(matched.def.template, matched.params);
    }

    // Fault injection applies to any API request, known route or not.
    const fault = this.faults.find((f) => f.remaining > 0 && f.match(method, path));
    if (fault) {
      fault.remaining--;
      if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      record.injected = true;
      return this.faultReply(fault, path);
    }

    if (!matched) {
      record.unknownRoute = true;
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    }
    if (matched.def.auth) {
      const auth = record.headers.authorization;
      const expected = this.options.token ? `Bot ${this.options.token}` : undefined;
      if (!auth?.startsWith('Bot ') || (expected && auth !== expected)) return err(401, 0, '401: Unauthorized');
    }
    return matched.def.handler({ method, params: matched.params, query: record.query, body: record.body, files: record.files, record });
  }

  private faultReply(fault: Fault, path: string): Reply {
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter ?? 0.2;
      const headers: Record<string, string> = {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': retryAfter.toFixed(3),
        'x-ratelimit-bucket': `emu${Buffer.from(path).toString('hex').slice(0, 24)}`,
        'x-ratelimit-scope': fault.global ? 'global' : 'user',
      };
      if (fault.global) headers['x-ratelimit-global'] = 'true';
      return {
        status: 429,
        headers,
        body: fault.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: Boolean(fault.global), code: 0 },
      };
    }
    const defaultMessage = fault.status >= 500 ? `${fault.status}: Internal Server Error` : `${fault.status}: Error`;
    return { status: fault.status, body: fault.body ?? { message: defaultMessage, code: 0 } };
  }

  private interactionIdFor(template: string, params: Record<string, string>): string | undefined {
    if (template.startsWith('/interactions/')) return this.interactions.has(params.id!) ? params.id : undefined;
    if (template.startsWith('/webhooks/') && params.token) return this.tokens.get(params.token);
    return undefined;
  }

  private responseKind(r: RecordedRequest): InteractionResponse['kind'] {
    const route = r.route ?? '';
    if (route.endsWith('/callback')) return 'callback';
    if (route.endsWith('/@original')) return r.method === 'PATCH' ? 'editOriginal' : r.method === 'GET' ? 'fetchOriginal' : 'deleteOriginal';
    if (route.endsWith('/messages/:message')) return r.method === 'PATCH' ? 'editMessage' : r.method === 'GET' ? 'fetchMessage' : 'deleteMessage';
    return 'followup';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Routes

  private defineRoutes(): void {
    const ok = (body: any): Reply => ({ status: 200, body });
    const noContent: Reply = { status: 204 };

    // Gateway discovery.
    this.route('GET', '/gateway', () => ok({ url: this.gatewayUrl }), false);
    this.route('GET', '/gateway/bot', () =>
      ok({
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000 - this.identifyCount, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    );

    // Users and application.
    this.route('GET', '/users/@me', () => ok(this.users.get(this.userIds.bot)));
    this.route('GET', '/users/:user', ({ params }) => (this.users.has(params.user!) ? ok(this.users.get(params.user!)) : notFound(10013, 'User')));
    this.route('POST', '/users/@me/channels', ({ body }) =>
      this.users.has(body?.recipient_id) ? ok(this.dmChannelFor(body.recipient_id)) : notFound(10013, 'User'),
    );
    this.route('GET', '/applications/@me', () => ok(this.applicationObject()));
    this.route('GET', '/oauth2/applications/@me', () => ok(this.applicationObject()));

    // Application commands.
    const commandList = (guild?: string): Obj[] => {
      if (!guild) return this.globalCommands;
      if (!this.guildCommands.has(guild)) this.guildCommands.set(guild, []);
      return this.guildCommands.get(guild)!;
    };
    const checkApp = (app: string): Reply | null => (app === this.applicationId ? null : notFound(10002, 'Application'));
    const normalizeCommand = (c: Obj, existing: Obj[], guild?: string): Obj => ({
      type: 1,
      description: '',
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      ...c,
      id: existing.find((e) => e.name === c.name && (e.type ?? 1) === (c.type ?? 1))?.id ?? this.snowflake(),
      application_id: this.applicationId,
      version: this.snowflake(),
      ...(guild ? { guild_id: guild } : {}),
    });
    const validateCommands = (cmds: Obj[]): Reply | null => {
      const errors: Obj = {};
      cmds.forEach((c, i) => {
        const e: Obj = {};
        if (typeof c.name !== 'string' || !/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name) || c.name !== c.name.toLowerCase()) {
          e.name = fieldError('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
        }
        if ((c.type ?? 1) === 1 && (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)) {
          e.description = fieldError('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }
        if ((c.options?.length ?? 0) > 25) e.options = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        if (Object.keys(e).length) errors[i] = e;
      });
      return Object.keys(errors).length ? err(400, 50035, 'Invalid Form Body', errors) : null;
    };
    const putCommands = (app: string, body: any, guild?: string): Reply => {
      const bad = checkApp(app) ?? (Array.isArray(body) ? validateCommands(body) : err(400, 50035, 'Invalid Form Body'));
      if (bad) return bad;
      const list = commandList(guild);
      const next = (body as Obj[]).map((c) => normalizeCommand(c, list, guild));
      list.splice(0, list.length, ...next);
      return ok(next);
    };
    const postCommand = (app: string, body: any, guild?: string): Reply => {
      const bad = checkApp(app) ?? validateCommands([body]);
      if (bad) return bad;
      const list = commandList(guild);
      const cmd = normalizeCommand(body, list, guild);
      const index = list.findIndex((c) => c.id === cmd.id);
      if (index >= 0) list[index] = cmd;
      else list.push(cmd);
      return { status: index >= 0 ? 200 : 201, body: cmd };
    };
    const oneCommand = (app: string, id: string, guild?: string) => (app === this.applicationId ? commandList(guild).find((c) => c.id === id) : undefined);
    for (const [prefix, guildOf] of [
      ['/applications/:app/commands', (_p: Record<string, string>) => undefined],
      ['/applications/:app/guilds/:guild/commands', (p: Record<string, string>) => p.guild],
    ] as const) {
      this.route('GET', prefix, ({ params }) => checkApp(params.app!) ?? ok(commandList(guildOf(params))));
      this.route('PUT', prefix, ({ params, body }) => putCommands(params.app!, body, guildOf(params)));
      this.route('POST', prefix, ({ params, body }) => postCommand(params.app!, body, guildOf(params)));
      this.route('GET', `${prefix}/:command`, ({ params }) => {
        const c = oneCommand(params.app!, params.command!, guildOf(params));
        return c ? ok(c) : notFound(10063, 'application command');
      });
      this.route('PATCH', `${prefix}/:command`, ({ params, body }) => {
        const c = oneCommand(params.app!, params.command!, guildOf(params));
        if (!c) return notFound(10063, 'application command');
        Object.assign(c, body, { id: c.id, version: this.snowflake() });
        return ok(c);
      });
      this.route('DELETE', `${prefix}/:command`, ({ params }) => {
        const list = commandList(guildOf(params));
        const index = list.findIndex((c) => c.id === params.command);
        if (index < 0 || params.app !== this.applicationId) return notFound(10063, 'application command');
        list.splice(index, 1);
        return noContent;
      });
    }

    // Interaction callback.
    this.route('POST', '/interactions/:id/:token/callback', (ctx) => this.handleCallback(ctx), false);

    // Interaction webhooks (follow-ups and edits).
    const noteMessage = (record: RecordedRequest, m: StoredMessage) => {
      record.messageId = m.data.id;
      record.ephemeral = Boolean(m.data.flags & MessageFlags.Ephemeral);
    };
    const interactionFor = (params: Record<string, string>): InteractionRecord | undefined => {
      if (params.app !== this.applicationId) return undefined;
      const id = this.tokens.get(params.token!);
      return id ? this.interactions.get(id) : undefined;
    };
    const webhookMessage = (i: InteractionRecord, messageId: string): StoredMessage | undefined => {
      const id = messageId === '@original' ? i.originalMessageId : messageId;
      if (!id || (id !== i.originalMessageId && !i.followupIds.includes(id))) return undefined;
      const stored = this.messages.get(id);
      return stored && !stored.deleted ? stored : undefined;
    };
    this.route(
      'POST',
      '/webhooks/:app/:token',
      ({ params, body, files, query, record }) => {
        const i = interactionFor(params);
        if (!i?.acknowledged) return notFound(10015, 'Webhook');
        const bad = this.validateMessage(body ?? {}, files, true);
        if (bad) return bad;
        // The first follow-up after a deferred reply replaces the "thinking" message, as on Discord.
        const original = i.originalMessageId ? this.messages.get(i.originalMessageId) : undefined;
        let stored: StoredMessage;
        if (i.callbackType === 5 && original && original.data.flags & MessageFlags.Loading) {
          this.editMessage(original, body, files, i);
          stored = original;
          this.emitMessage('MESSAGE_UPDATE', stored);
        } else {
          const channel = this.channels.get(i.channelId)!;
          const ephemeral = Boolean((body.flags ?? 0) & MessageFlags.Ephemeral);
          stored = this.createMessage({
            channel,
            author: this.users.get(this.userIds.bot)!,
            body,
            attachments: this.attachmentsFromUpload(channel.id, body, files, ephemeral),
            files,
            type: i.type === InteractionType.ApplicationCommand ? 20 : 0,
            interaction: i,
          });
          i.followupIds.push(stored.data.id);
          this.emitMessage('MESSAGE_CREATE', stored);
        }
        noteMessage(record, stored);
        return query.wait === 'true' ? ok(stored.data) : noContent;
      },
      false,
    );
    for (const which of ['@original', ':message']) {
      const tpl = `/webhooks/:app/:token/messages/${which}`;
      const idOf = (params: Record<string, string>) => (which === '@original' ? '@original' : params.message!);
      this.route(
        'GET',
        tpl,
        ({ params }) => {
          const i = interactionFor(params);
          if (!i) return notFound(10015, 'Webhook');
          const m = webhookMessage(i, idOf(params));
          return m ? ok(m.data) : notFound(10008, 'Message');
        },
        false,
      );
      this.route(
        'PATCH',
        tpl,
        ({ params, body, files, record }) => {
          const i = interactionFor(params);
          if (!i) return notFound(10015, 'Webhook');
          const m = webhookMessage(i, idOf(params));
          if (!m) return notFound(10008, 'Message');
          const bad = this.validateMessage(body ?? {}, files, false);
          if (bad) return bad;
          this.editMessage(m, body ?? {}, files, i);
          this.emitMessage('MESSAGE_UPDATE', m);
          noteMessage(record, m);
          return ok(m.data);
        },
        false,
      );
      this.route(
        'DELETE',
        tpl,
        ({ params }) => {
          const i = interactionFor(params);
          if (!i) return notFound(10015, 'Webhook');
          const m = webhookMessage(i, idOf(params));
          if (!m) return notFound(10008, 'Message');
          this.markDeleted(m);
          return noContent;
        },
        false,
      );
    }

    // Channels and messages.
    const bot = this.userIds.bot;
    const channelOr404 = (id: string) => this.channels.get(id);
    const canView = (channelId: string) => this.channels.get(channelId)?.type === 1 || this.botCanView(channelId);
    const isReply = (x: object): x is Reply => 'status' in x && !('id' in x);
    /** The channel if the bot can see it, else Discord's 404/403. */
    const visibleChannel = (id: string): Obj | Reply => {
      const c = channelOr404(id);
      if (!c) return notFound(10003, 'Channel');
      return canView(c.id) ? c : err(403, 50001, 'Missing Access');
    };
    const wrongType = () => err(400, 50024, 'Cannot execute action on this channel type');
    const archivedError = () => err(400, 50083, 'Operation cannot be performed on an archived thread');
    this.route('GET', '/channels/:channel', ({ params }) => {
      const c = visibleChannel(params.channel!);
      if (isReply(c)) return c;
      return ok(isThread(c) ? this.threadPayload(c, this.botThreadMember(c)) : c);
    });
    this.route('PATCH', '/channels/:channel', ({ params, body }) => {
      const c = visibleChannel(params.channel!);
      if (isReply(c)) return c;
      const b: Obj = body ?? {};
      const perms = this.permissionsFor(bot, c.id);
      if (!isThread(c)) {
        if (c.type === 1) return wrongType();
        if (!(perms & Perm.ManageChannels)) return err(403, 50013, 'Missing Permissions');
        for (const key of ['name', 'topic', 'nsfw', 'rate_limit_per_user', 'default_auto_archive_duration', 'position']) if (key in b) c[key] = b[key];
        this.dispatchGuildEvent('CHANNEL_UPDATE', { ...c });
        return ok(c);
      }
      const bad = this.validateThreadBody(b, { nameRequired: false });
      if (bad) return bad;
      // Who may change what, per the threads topic.
      const meta = c.thread_metadata;
      const manage = (perms & Perm.ManageThreads) !== 0n;
      const owner = c.owner_id === bot;
      const joined = this.threadMemberships.get(c.id)?.has(bot) ?? false;
      if (('locked' in b || 'rate_limit_per_user' in b) && !manage) return err(403, 50013, 'Missing Permissions');
      if (('name' in b || 'auto_archive_duration' in b || 'invitable' in b || b.archived === true) && !manage && !owner) return err(403, 50013, 'Missing Permissions');
      if (meta.archived && b.archived !== false) return archivedError();
      if (meta.archived && b.archived === false) {
        if (!joined && !manage) return err(403, 50013, 'Missing Permissions');
        if (meta.locked && !manage && !owner) return err(403, 160005, 'Thread is locked');
      }
      this.applyThreadUpdate(c, b);
      return ok(this.threadPayload(c, this.botThreadMember(c)));
    });
    this.route('DELETE', '/channels/:channel', ({ params }) => {
      const c = visibleChannel(params.channel!);
      if (isReply(c)) return c;
      if (c.type === 1) return ok(c);
      const perms = this.permissionsFor(bot, c.id);
      if (!(perms & (isThread(c) ? Perm.ManageThreads : Perm.ManageChannels))) return err(403, 50013, 'Missing Permissions');
      if (isThread(c)) {
        const payload = this.threadPayload(c);
        this.deleteThread(c);
        return ok(payload);
      }
      this.channels.delete(c.id);
      this.dispatchGuildEvent('CHANNEL_DELETE', { ...c });
      return ok(c);
    });
    this.route('POST', '/channels/:channel/messages', ({ params, body, files }) => {
      const channel = visibleChannel(params.channel!);
      if (isReply(channel)) return channel;
      const thread = isThread(channel);
      if (channel.type !== 1) {
        const perms = this.permissionsFor(bot, channel.id);
        // SendMessages has no effect in threads; SendMessagesInThreads is what counts there.
        const send = thread ? Perm.SendMessagesInThreads : Perm.SendMessages;
        if (!(perms & send) || (files.length && !(perms & Perm.AttachFiles))) return err(403, 50013, 'Missing Permissions');
        if (thread && channel.thread_metadata.locked && !(perms & Perm.ManageThreads)) return err(403, 160005, 'Thread is locked');
      }
      const b = body ?? {};
      const bad = this.validateMessage(b, files, true);
      if (bad) return bad;
      if (b.message_reference?.message_id && !this.messages.has(b.message_reference.message_id) && b.message_reference.fail_if_not_exists !== false) {
        return err(400, 50035, 'Invalid Form Body', { message_reference: fieldError('MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message') });
      }
      if (thread) this.enterThreadToPost(channel, bot);
      const stored = this.createMessage({
        channel,
        author: this.users.get(bot)!,
        body: b,
        attachments: this.attachmentsFromUpload(channel.id, b, files, false),
        files,
      });
      this.emitMessage('MESSAGE_CREATE', stored);
      return ok(stored.data);
    });
    this.route('GET', '/channels/:channel/messages', ({ params, query }) => {
      const c = visibleChannel(params.channel!);
      if (isReply(c)) return c;
      const errors: Obj = {};
      const limit = query.limit === undefined ? 50 : Number(query.limit);
      if (!Number.isInteger(limit)) errors.limit = fieldError('NUMBER_TYPE_COERCE', `Value "${query.limit}" is not int.`);
      else if (limit < 1) errors.limit = fieldError('NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.');
      else if (limit > 100) errors.limit = fieldError('NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
      for (const key of ['around', 'before', 'after']) {
        if (query[key] !== undefined && !/^\d{1,20}$/.test(query[key]!)) errors[key] = fieldError('NUMBER_TYPE_COERCE', `Value "${query[key]}" is not snowflake.`);
      }
      if (Object.keys(errors).length) return err(400, 50035, 'Invalid Form Body', errors);
      // Without ReadMessageHistory the list is empty.
      if (c.type !== 1 && !(this.permissionsFor(bot, c.id) & Perm.ReadMessageHistory)) return ok([]);
      const list = this.channelHistory(c);
      const id = (m: Obj) => BigInt(m.id);
      let page: Obj[];
      if (query.around) {
        const around = BigInt(query.around);
        const half = Math.floor(limit / 2);
        const older = half ? list.filter((m) => id(m) < around).slice(-half) : [];
        page = [...older, ...list.filter((m) => id(m) >= around).slice(0, limit - older.length)];
      } else if (query.before) {
        page = list.filter((m) => id(m) < BigInt(query.before!)).slice(-limit);
      } else if (query.after) {
        page = list.filter((m) => id(m) > BigInt(query.after!)).slice(0, limit);
      } else {
        page = list.slice(-limit);
      }
      return ok(page.reverse()); // newest first, whichever way the page was taken
    });
    const channelMessage = (params: Record<string, string>): StoredMessage | Reply => {
      const c = visibleChannel(params.channel!);
      if (isReply(c)) return c;
      const m = this.messages.get(params.message!);
      if (!m || m.deleted || m.channelId !== params.channel || m.data.flags & MessageFlags.Ephemeral) return notFound(10008, 'Message');
      return m;
    };
    this.route('GET', '/channels/:channel/messages/:message', ({ params }) => {
      const c = channelOr404(params.channel!);
      const starter = isThread(c) && params.message === c.id && canView(c.id) ? this.threadStarterMessage(c) : undefined;
      if (starter) return ok(starter);
      const m = channelMessage(params);
      return isReply(m) ? m : ok(m.data);
    });
    this.route('PATCH', '/channels/:channel/messages/:message', ({ params, body, files }) => {
      const m = channelMessage(params);
      if (isReply(m)) return m;
      if (m.data.author.id !== bot) return err(403, 50005, 'Cannot edit a message authored by another user');
      const bad = this.validateMessage(body ?? {}, files, false);
      if (bad) return bad;
      this.editMessage(m, body ?? {}, files);
      this.emitMessage('MESSAGE_UPDATE', m);
      return ok(m.data);
    });
    this.route('DELETE', '/channels/:channel/messages/:message', ({ params }) => {
      const m = channelMessage(params);
      if (isReply(m)) return m;
      // Others' messages need ManageMessages (never possible in DMs).
      const manage = m.data.guild_id && this.permissionsFor(bot, m.channelId) & Perm.ManageMessages;
      if (m.data.author.id !== bot && !manage) return err(403, 50013, 'Missing Permissions');
      this.markDeleted(m);
      return noContent;
    });
    this.route('POST', '/channels/:channel/typing', ({ params }) => (channelOr404(params.channel!) ? noContent : notFound(10003, 'Channel')));
    for (const method of ['PUT', 'DELETE']) {
      this.route(method, '/channels/:channel/messages/:message/reactions/:emoji/@me', ({ params }) => {
        const m = channelMessage(params);
        return isReply(m) ? m : noContent;
      });
    }

    // Threads. Both start routes answer 201 with the thread, after THREAD_CREATE and THREAD_MEMBERS_UPDATE.
    const threadParent = (id: string): Obj | Reply => {
      const c = visibleChannel(id);
      if (isReply(c)) return c;
      return c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement ? c : wrongType();
    };
    this.route('POST', '/channels/:channel/messages/:message/threads', ({ params, body }) => {
      const parent = threadParent(params.channel!);
      if (isReply(parent)) return parent;
      const m = channelMessage(params);
      if (isReply(m)) return m;
      const b: Obj = body ?? {};
      const bad = this.validateThreadBody(b);
      if (bad) return bad;
      if (!(this.permissionsFor(bot, parent.id) & Perm.CreatePublicThreads)) return err(403, 50013, 'Missing Permissions');
      if (this.channels.has(m.data.id)) return err(400, 160004, 'A thread has already been created for this message');
      const type = parent.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
      const thread = this.openThread(parent, { name: b.name, type, ownerId: bot, autoArchive: b.auto_archive_duration, rateLimit: b.rate_limit_per_user, starter: m });
      return { status: 201, body: this.threadPayload(thread) };
    });
    this.route('POST', '/channels/:channel/threads', ({ params, body }) => {
      const parent = threadParent(params.channel!);
      if (isReply(parent)) return parent;
      const b: Obj = body ?? {};
      const bad = this.validateThreadBody(b, { withType: true });
      if (bad) return bad;
      const type: number = b.type ?? ChannelType.PrivateThread; // the v10 default
      const fits =
        parent.type === ChannelType.GuildAnnouncement ? type === ChannelType.AnnouncementThread : type !== ChannelType.AnnouncementThread;
      if (!fits) return wrongType();
      const needed = type === ChannelType.PrivateThread ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads;
      if (!(this.permissionsFor(bot, parent.id) & needed)) return err(403, 50013, 'Missing Permissions');
      const thread = this.openThread(parent, {
        name: b.name,
        type,
        ownerId: bot,
        autoArchive: b.auto_archive_duration,
        rateLimit: b.rate_limit_per_user,
        invitable: b.invitable,
      });
      return { status: 201, body: this.threadPayload(thread) };
    });
    this.route('GET', '/channels/:channel/threads/archived/public', ({ params, query }) => {
      const parent = threadParent(params.channel!);
      if (isReply(parent)) return parent;
      if (!(this.permissionsFor(bot, parent.id) & Perm.ReadMessageHistory)) return err(403, 50013, 'Missing Permissions');
      const before = query.before ? Date.parse(query.before) : Infinity;
      const limit = Math.max(2, Math.min(Number(query.limit ?? 50) || 50, 100));
      const archivedAt = (t: Obj) => Date.parse(t.thread_metadata.archive_timestamp);
      const list = this.threads({ parentId: parent.id })
        .filter((t) => t.type !== ChannelType.PrivateThread && t.thread_metadata.archived && archivedAt(t) < before)
        .sort((a, b) => archivedAt(b) - archivedAt(a));
      const page = list.slice(0, limit);
      return ok({
        threads: page.map((t) => this.threadPayload(t)),
        members: page.map((t) => this.threadMemberships.get(t.id)?.get(bot)).filter(Boolean),
        has_more: list.length > limit,
      });
    });
    const threadFor = (id: string): Obj | Reply => {
      const c = visibleChannel(id);
      if (isReply(c)) return c;
      return isThread(c) ? c : wrongType();
    };
    const memberId = (params: Record<string, string>) => (params.user === '@me' || params.user === undefined ? bot : params.user);
    for (const who of ['@me', ':user']) {
      this.route('PUT', `/channels/:channel/thread-members/${who}`, ({ params }) => {
        const t = threadFor(params.channel!);
        if (isReply(t)) return t;
        const userId = memberId(params);
        if (!this.members.has(userId)) return notFound(10007, 'Member');
        if (t.thread_metadata.archived) return archivedError();
        if (userId !== bot) {
          const perms = this.permissionsFor(bot, t.id);
          const invites = t.type !== ChannelType.PrivateThread || perms & Perm.ManageThreads || t.thread_metadata.invitable;
          if (!(perms & Perm.SendMessagesInThreads) || !invites) return err(403, 50013, 'Missing Permissions');
        }
        this.addThreadMember(t, userId);
        return noContent;
      });
      this.route('DELETE', `/channels/:channel/thread-members/${who}`, ({ params }) => {
        const t = threadFor(params.channel!);
        if (isReply(t)) return t;
        const userId = memberId(params);
        if (t.thread_metadata.archived) return archivedError();
        const mayRemove = this.permissionsFor(bot, t.id) & Perm.ManageThreads || (t.type === ChannelType.PrivateThread && t.owner_id === bot);
        if (userId !== bot && !mayRemove) return err(403, 50013, 'Missing Permissions');
        this.removeThreadMember(t, userId);
        return noContent;
      });
    }
    const threadMember = (t: Obj, userId: string, withMember: boolean): Obj | undefined => {
      const m = this.threadMemberships.get(t.id)?.get(userId);
      return m && (withMember ? { ...m, member: this.members.get(userId) } : { ...m });
    };
    this.route('GET', '/channels/:channel/thread-members/:user', ({ params, query }) => {
      const t = threadFor(params.channel!);
      if (isReply(t)) return t;
      const m = threadMember(t, memberId(params), query.with_member === 'true');
      return m ? ok(m) : notFound(10007, 'Member');
    });
    this.route('GET', '/channels/:channel/thread-members', ({ params, query }) => {
      const t = threadFor(params.channel!);
      if (isReply(t)) return t;
      // Listing thread members needs the GuildMembers privileged intent enabled for the app.
      if (!(this.options.allowedPrivilegedIntents & Intents.GuildMembers)) return err(403, 50001, 'Missing Access');
      return ok(this.threadMembers(t.id).map((u) => threadMember(t, u, query.with_member === 'true')));
    });

    // Guilds.
    const guildOr404 = (id: string): Reply | null => (id === this.guildId ? null : notFound(10004, 'Guild'));
    this.route('GET', '/guilds/:guild', ({ params, query }) => {
      const miss = guildOr404(params.guild!);
      if (miss) return miss;
      const g = this.guildObject();
      return ok(query.with_counts === 'true' ? { ...g, approximate_member_count: this.members.size, approximate_presence_count: 0 } : g);
    });
    this.route('GET', '/guilds/:guild/channels', ({ params }) =>
      guildOr404(params.guild!) ?? ok([...this.channels.values()].filter((c) => c.type !== 1 && !isThread(c))),
    );
    this.route('GET', '/guilds/:guild/threads/active', ({ params }) => {
      const miss = guildOr404(params.guild!);
      if (miss) return miss;
      // Active threads the bot can see, newest first, with its own thread members.
      const threads = this.threads({ active: true })
        .filter((t) => this.botCanView(t.id))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
      return ok({
        threads: threads.map((t) => this.threadPayload(t)),
        members: threads.map((t) => this.threadMemberships.get(t.id)?.get(this.userIds.bot)).filter(Boolean),
      });
    });
    this.route('GET', '/guilds/:guild/roles', ({ params }) => guildOr404(params.guild!) ?? ok([...this.roles.values()]));
    this.route('GET', '/guilds/:guild/members', ({ params, query }) =>
      guildOr404(params.guild!) ?? ok([...this.members.values()].slice(0, Number(query.limit ?? 1))),
    );
    this.route('GET', '/guilds/:guild/members/:user', ({ params }) => {
      const miss = guildOr404(params.guild!);
      if (miss) return miss;
      const m = this.members.get(params.user === '@me' ? this.userIds.bot : params.user!);
      return m ? ok(m) : notFound(10007, 'Member');
    });
  }

  private handleCallback({ params, body, files, query, record }: Ctx): Reply {
    const i = this.interactions.get(params.id!);
    if (!i || i.token !== params.token) return notFound(10062, 'interaction');
    const deadline = this.options.interactionDeadlineMs;
    if (!i.acknowledged && deadline > 0 && Date.now() - i.createdAt > deadline) return notFound(10062, 'interaction');
    if (i.acknowledged) return err(400, 40060, 'Interaction has already been acknowledged.');
    const type = body?.type;
    const data: Obj = body?.data ?? {};
    const allowed: Record<number, number[]> = {
      [InteractionType.ApplicationCommand]: [4, 5, 9],
      [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
      [InteractionType.Autocomplete]: [8],
      [InteractionType.ModalSubmit]: [4, 5, 6, 7],
    };
    if (!allowed[i.type]?.includes(type)) {
      return err(400, 50035, 'Invalid Form Body', { type: fieldError('INTERACTION_RESPONSE_TYPE_INVALID', 'Interaction response type is invalid for this interaction') });
    }
    if (type === 4 || type === 7) {
      const bad = this.validateMessage(data, files, type === 4, 'data');
      if (bad) return bad;
    }
    if (type === 8) {
      const choices: Obj[] = data.choices ?? [];
      const errors: Obj = {};
      if (choices.length > 25) errors.choices = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      choices.forEach((c, idx) => {
        const e: Obj = {};
        if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) e.name = fieldError('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        if (typeof c.value === 'string' && c.value.length > 100) e.value = fieldError('BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        if (Object.keys(e).length) (errors.choices ??= {})[idx] = e;
      });
      if (Object.keys(errors).length) return err(400, 50035, 'Invalid Form Body', { data: errors });
    }
    if (type === 9) {
      const bad = this.validateModal(data);
      if (bad) return bad;
    }

    i.acknowledged = true;
    i.callbackType = type;
    i.callbackData = data;
    const channel = this.channels.get(i.channelId)!;
    const bot = this.users.get(this.userIds.bot)!;
    const cmdType = i.type === InteractionType.ApplicationCommand ? 20 : 0;
    let message: StoredMessage | undefined;
    if (type === 4) {
      const ephemeral = Boolean((data.flags ?? 0) & MessageFlags.Ephemeral);
      message = this.createMessage({
        channel,
        author: bot,
        body: data,
        attachments: this.attachmentsFromUpload(channel.id, data, files, ephemeral),
        files,
        type: cmdType,
        interaction: i,
      });
      i.originalMessageId = message.data.id;
      this.emitMessage('MESSAGE_CREATE', message);
    } else if (type === 5) {
      message = this.createMessage({
        channel,
        author: bot,
        body: { content: '', flags: ((data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading },
        attachments: [],
        type: cmdType,
        interaction: i,
      });
      i.originalMessageId = message.data.id;
      this.emitMessage('MESSAGE_CREATE', message);
    } else if (type === 6 || type === 7) {
      const id = i.payload.message?.id;
      message = id ? this.messages.get(id) : undefined;
      if (message) {
        i.originalMessageId = message.data.id;
        if (type === 7) {
          this.editMessage(message, data, files, i);
          this.emitMessage('MESSAGE_UPDATE', message);
        }
      }
    }

    if (message) {
      record.messageId = message.data.id;
      record.ephemeral = Boolean(message.data.flags & MessageFlags.Ephemeral);
    }
    if (query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: i.id,
          type: i.type,
          ...(message
            ? {
                response_message_id: message.data.id,
                response_message_loading: type === 5,
                response_message_ephemeral: Boolean(message.data.flags & MessageFlags.Ephemeral),
              }
            : {}),
        },
        resource: { type, ...(message && type !== 6 ? { message: message.data } : {}) },
      },
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Gateway

  private onGatewayConnection(ws: WebSocket, req: IncomingMessage): void {
    if (this.silent) return void ws.pause();
    const url = new URL(req.url ?? '/', this.baseUrl);
    const query = Object.fromEntries(url.searchParams);
    const info: GatewayConnectionInfo = {
      id: ++this.connCounter,
      url: req.url ?? '/',
      query,
      compression: query.compress === 'zlib-stream' ? 'zlib-stream' : null,
      openedAt: Date.now(),
    };
    this.connections.push(info);
    const conn: GatewayConnection = { info, ws, session: null, deflate: null, deflateChunks: [], identifyCompress: false };
    this.conns.add(conn);

    ws.on('close', (code) => {
      this.conns.delete(conn);
      info.closedAt = Date.now();
      info.closeCode ??= code;
      info.closedBy ??= 'client';
      conn.deflate?.close();
      if (conn.session?.conn === conn) {
        conn.session.conn = null;
        // A client closing with 1000/1001 ends its session; other codes (e.g. discord.js's 4200) keep it resumable.
        if (info.closedBy === 'client' && (code === 1000 || code === 1001)) conn.session.valid = false;
      }
    });
    ws.on('error', () => undefined);

    if ((query.encoding ?? 'json') !== 'json') {
      this.closeGateway(conn, 4002, 'only encoding=json is supported');
      return;
    }
    if (query.compress && query.compress !== 'zlib-stream') {
      this.closeGateway(conn, 4002, 'unsupported compress');
      return;
    }
    if (info.compression === 'zlib-stream') {
      const deflate = createDeflate({ chunkSize: 65535 });
      deflate.on('data', (chunk: Buffer) => {
        conn.deflateChunks.push(chunk);
        const all = Buffer.concat(conn.deflateChunks);
        // Each Z_SYNC_FLUSH ends with 00 00 ff ff; send one frame per flushed payload.
        if (all.length >= 4 && all.readUInt32BE(all.length - 4) === 0x0000ffff) {
          conn.deflateChunks = [];
          if (ws.readyState === WebSocket.OPEN) ws.send(all);
        }
      });
      conn.deflate = deflate;
    }

    ws.on('message', (data: RawData, isBinary: boolean) => this.onGatewayMessage(conn, data, isBinary));
    this.sendGateway(conn, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatInterval, _trace: ['["emulator-gateway",{"micros":0}]'] } });
  }

  private closeGateway(conn: GatewayConnection, code: number, reason: string): void {
    conn.info.closedBy = 'server';
    conn.info.closeCode = code;
    conn.ws.close(code, reason);
  }

  private sendGateway(conn: GatewayConnection, payload: Obj): void {
    if (this.silent) return;
    this.gateway.push({ time: Date.now(), connection: conn.info.id, direction: 'out', op: payload.op, t: payload.t ?? null, s: payload.s ?? null, d: payload.d });
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify({ t: null, s: null, ...payload });
    if (conn.deflate) {
      conn.deflate.write(json);
      conn.deflate.flush(zlibConstants.Z_SYNC_FLUSH);
    } else if (conn.identifyCompress) {
      conn.ws.send(deflateSync(json));
    } else {
      conn.ws.send(json);
    }
  }

  private dispatchTo(session: Session, t: string, d: Obj): void {
    const s = ++session.seq;
    session.history.push({ s, t, d });
    if (session.conn) this.sendGateway(session.conn, { op: Op.Dispatch, t, s, d });
  }

  private onGatewayMessage(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: Obj;
    try {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
      if (isBinary) throw new Error('binary frames are not accepted with encoding=json');
      payload = JSON.parse(text);
    } catch {
      this.closeGateway(conn, 4002, 'Error while decoding payload.');
      return;
    }
    this.gateway.push({ time: Date.now(), connection: conn.info.id, direction: 'in', op: payload.op, d: payload.d });
    this.emit('gateway', payload, conn.info);

    switch (payload.op) {
      case Op.Heartbeat:
        this.heartbeatCount++;
        this.sendGateway(conn, { op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        this.onIdentify(conn, payload.d ?? {});
        return;
      case Op.Resume:
        this.onResume(conn, payload.d ?? {});
        return;
    }
    if (!conn.session) {
      this.closeGateway(conn, 4003, 'Not authenticated.');
      return;
    }
    switch (payload.op) {
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        return;
      case Op.RequestGuildMembers: {
        const d = payload.d ?? {};
        let members = [...this.members.values()];
        if (Array.isArray(d.user_ids)) members = members.filter((m) => d.user_ids.includes(m.user.id));
        else if (typeof d.query === 'string' && d.query) members = members.filter((m) => m.user.username.startsWith(d.query));
        if (d.limit) members = members.slice(0, d.limit);
        this.dispatchTo(conn.session, 'GUILD_MEMBERS_CHUNK', {
          guild_id: this.guildId,
          members,
          chunk_index: 0,
          chunk_count: 1,
          not_found: [],
          ...(d.nonce ? { nonce: d.nonce } : {}),
        });
        return;
      }
      default:
        this.closeGateway(conn, 4001, 'Unknown opcode.');
    }
  }

  private onIdentify(conn: GatewayConnection, d: Obj): void {
    this.identifies.push(d);
    if (conn.session) {
      this.closeGateway(conn, 4005, 'Already authenticated.');
      return;
    }
    if (typeof d.token !== 'string' || (this.options.token && d.token.replace(/^Bot\s+/i, '') !== this.options.token)) {
      this.closeGateway(conn, 4004, 'Authentication failed.');
      return;
    }
    if (typeof d.intents !== 'number') {
      this.closeGateway(conn, 4013, 'Invalid intent(s).');
      return;
    }
    if (d.intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) {
      this.closeGateway(conn, 4014, 'Disallowed intent(s).');
      return;
    }
    if (d.compress === true && !conn.deflate) conn.identifyCompress = true;

    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, history: [], intents: d.intents, identify: d, conn, valid: true };
    this.sessions.push(session);
    conn.session = session;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: this.users.get(this.userIds.bot),
      user_settings: {},
      guilds: [{ id: this.guildId, unavailable: true }],
      presences: [],
      private_channels: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['emulator'],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.resumeGatewayUrl,
      shard: d.shard ?? [0, 1],
      application: { id: this.applicationId, flags: this.applicationObject().flags },
      auth: {},
      _trace: ['["emulator-gateway",{"micros":0}]'],
    });
    this.dispatchTo(session, 'GUILD_CREATE', this.guildCreatePayload());
  }

  private onResume(conn: GatewayConnection, d: Obj): void {
    this.resumes.push(d);
    if (conn.session) {
      this.closeGateway(conn, 4005, 'Already authenticated.');
      return;
    }
    const session = this.sessions.find((s) => s.id === d.session_id);
    const tokenOk = typeof d.token === 'string' && (!this.options.token || d.token.replace(/^Bot\s+/i, '') === this.options.token);
    if (!tokenOk) {
      this.closeGateway(conn, 4004, 'Authentication failed.');
      return;
    }
    if (!session?.valid || typeof d.seq !== 'number' || d.seq > session.seq) {
      this.sendGateway(conn, { op: Op.InvalidSession, d: false });
      return;
    }
    if (session.conn && session.conn !== conn) {
      session.conn.info.closedBy = 'server';
      session.conn.ws.terminate();
    }
    session.conn = conn;
    conn.session = session;
    this.resumeCount++;
    for (const event of session.history.filter((e) => e.s > d.seq)) {
      this.sendGateway(conn, { op: Op.Dispatch, t: event.t, s: event.s, d: event.d });
    }
    this.dispatchTo(session, 'RESUMED', { _trace: ['["emulator-gateway",{"micros":0}]'] });
  }
}
