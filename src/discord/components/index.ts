import type { Component } from '../context.js';
import { feedbackComponent } from './feedback.js';
import { showLetterComponent } from './show-letter.js';
import { threadComponent } from './thread.js';

/** Buttons, menus and modals that belong to no slash command. */
export const components: Component[] = [feedbackComponent, showLetterComponent, threadComponent];
