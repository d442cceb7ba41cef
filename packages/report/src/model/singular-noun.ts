/** The singular of a report's plural item noun ("papers" → "paper", "answers" → "answer"); other nouns unchanged. */
export function singularNoun(noun: string): string {
  return noun.endsWith("s") ? noun.slice(0, -1) : noun;
}
