// Reading a line of /proc/<pid>/stat: the command's name, in parentheses, may itself hold spaces and parentheses,
// so the fields are split after its last closing parenthesis.

/** The fields after the command's name, the process's state first (field 3 of proc(5) at index 0). */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
