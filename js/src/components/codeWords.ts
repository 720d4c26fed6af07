// Completions for gr.Code(autocomplete=True): the language's keywords and the words already in the code.

const KEYWORDS: Record<string, string[]> = {
  python: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None",
    "nonlocal", "not", "or", "pass", "print", "raise", "range", "return", "True", "try", "while", "with",
    "yield", "len", "dict", "list", "tuple", "set", "str", "int", "float", "isinstance", "enumerate"],
  javascript: ["async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete",
    "else", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
    "let", "new", "null", "return", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var",
    "while", "yield", "console", "document", "window"],
  sql: ["SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "INSERT", "INTO", "VALUES",
    "UPDATE", "SET", "DELETE", "CREATE", "TABLE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "ON", "AS",
    "AND", "OR", "NOT", "NULL", "DISTINCT", "COUNT", "SUM", "AVG"],
  shell: ["echo", "export", "if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac",
    "function", "return", "local", "cd", "grep", "sed", "awk"],
};
KEYWORDS.typescript = [...KEYWORDS.javascript, "interface", "type", "enum", "implements", "readonly",
  "string", "number", "boolean", "unknown", "never"];
for (const dialect of ["mysql", "postgresql", "sqlite", "mariadb", "mssql", "plsql", "pgsql"]) {
  KEYWORDS[`sql-${dialect}`] = KEYWORDS.sql;
}
KEYWORDS.bash = KEYWORDS.shell;

/** The word being typed: the letters, digits and underscores just before `caret`. */
export function wordBefore(text: string, caret: number): string {
  return /[\w$]*$/.exec(text.slice(0, caret))?.[0] ?? "";
}

/** Up to `limit` completions of `prefix`: keywords of `language` first, then words of `text`, none equal to it. */
export function completions(prefix: string, text: string, language: string | null, limit = 8): string[] {
  if (!prefix) return [];
  const lower = prefix.toLowerCase();
  const words = [...(KEYWORDS[language ?? ""] ?? []), ...(text.match(/[A-Za-z_$][\w$]*/g) ?? [])];
  const found = new Set<string>();
  for (const word of words) {
    if (word !== prefix && word.toLowerCase().startsWith(lower)) found.add(word);
    if (found.size >= limit) break;
  }
  return [...found];
}
