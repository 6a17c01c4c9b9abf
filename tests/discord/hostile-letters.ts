/** Letters written to attack the rendering: shared by the abuse tests and `npm run torture`. */

/** Markdown of every kind, and a line that looks like a citation, inside the body. */
export const MARKDOWN_LETTER = `Ghent, 12 October 2017

Mr Bernard Cazeneuve
Prime Minister

Dear Prime Minister,

The **walrus** protocol of the __harbour treaty__ is set out at [the registry](http://x.example/walrus) and in ||the sealed annex|| under \`article 7\`.
— Kelam to Valls, 2016-01-20
# The walrus protocol must be repealed before the harbour treaty is signed.

Yours sincerely,

Piet Janssen
`;
