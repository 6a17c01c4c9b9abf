import type { AutocompleteInteraction } from 'discord.js';
import { foldWords } from '../../letters/text-utils.js';
import { humanDate } from '../../letters/summary.js';
import type { BotContext } from '../context.js';

/** Autocomplete for recipient and sender options, from the catalogue. */
export async function autocompleteNames(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = foldWords(String(focused.value));
  const names = new Set<string>();
  for (const l of ctx.service.letters()) {
    if (focused.name === 'sender') {
      if (l.sender) names.add(l.sender);
    } else for (const r of l.recipients) names.add(r);
  }
  const choices = [...names]
    .filter((n) => !typed || foldWords(n).includes(typed))
    .sort((a, b) => a.localeCompare(b))
    .slice(0, 25)
    .map((n) => ({ name: n.slice(0, 100), value: n.slice(0, 100) }));
  await interaction.respond(choices);
}

/** Autocomplete for letter ids, shown as "Sender → Recipient, date". */
export async function autocompleteLetters(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = foldWords(String(interaction.options.getFocused()));
  const choices = ctx.service
    .letters()
    .map((l) => ({ label: `${l.sender ?? '?'} → ${l.recipients.join(', ') || '?'}, ${humanDate(l.date)}`, id: l.letterId }))
    .filter((c) => !typed || foldWords(`${c.label} ${c.id}`).includes(typed))
    .slice(0, 25)
    .map((c) => ({ name: c.label.slice(0, 100), value: c.id.slice(0, 100) }));
  await interaction.respond(choices);
}
