// Choices arrive as [display, value] pairs (a bare value is its own display).

export interface Choice {
  display: string;
  value: unknown;
}

export function normaliseChoices(choices: unknown): Choice[] {
  if (!Array.isArray(choices)) return [];
  return choices.map((choice) => Array.isArray(choice)
    ? { display: String(choice[0]), value: choice.length > 1 ? choice[1] : choice[0] }
    : { display: String(choice), value: choice });
}
