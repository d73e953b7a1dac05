import type { CheckFills } from './providers';
import type { CheckResult } from './model';

// What a check saw that the store page may choose from (Printify's shops); isomorphic for main and window.

/** One entry a check saw (a Printify shop): its id and title. */
export interface CheckChoice {
  id: string;
  title: string;
}

/** The choices a check's context carries under the provider's `choicesKey`; [] when none or unreadable. */
export function checkChoices(
  fills: CheckFills,
  result: Pick<CheckResult, 'outcome' | 'context'> | null,
): CheckChoice[] {
  const raw = result?.outcome === 'valid' ? result.context?.[fills.choicesKey] : undefined;
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((c: unknown) =>
      typeof c === 'object' && c !== null && typeof (c as CheckChoice).id === 'string'
        ? [{ id: (c as CheckChoice).id, title: String((c as CheckChoice).title ?? '') }]
        : [],
    );
  } catch {
    return [];
  }
}

export const fieldsFor = (fills: CheckFills, choice: CheckChoice): Record<string, string> => ({
  [fills.idField]: choice.id,
  ...(fills.titleField && choice.title ? { [fills.titleField]: choice.title } : {}),
});
