/**
 * "1 category", "3 categories": the count and the noun in the right number. `many` defaults to the regular
 * English plural (-y after a consonant → -ies; -s, -x, -ch, -sh → -es; else -s).
 */
export function plural(count: number, one: string, many?: string): string {
  return `${count} ${count === 1 ? one : (many ?? regularPlural(one))}`;
}

function regularPlural(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}
