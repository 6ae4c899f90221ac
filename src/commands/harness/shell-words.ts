/** A word as a POSIX shell reads it back: quoted when it holds anything but plain characters (a result file's command line). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
