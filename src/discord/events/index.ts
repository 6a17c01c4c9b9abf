import type { BotEvent } from '../context.js';
import { clientReady } from './client-ready.js';
import { clientError } from './error.js';
import { interactionCreate } from './interaction-create.js';
import { messageCreate } from './message-create.js';

/** Every event the bot handles, one file each. */
export const events: BotEvent[] = [clientReady, interactionCreate, messageCreate, clientError];
