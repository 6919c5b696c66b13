/**
 * Whether a project-relative path can be written on every system a generated backend may be opened on
 * (Linux, macOS, Windows). The phase validators refuse the names that would lead to a bad path where the
 * model can still change them; these checks are the last line of defence before a file is written.
 */

/**
 * Windows reserves these device names in every folder, case-insensitively and with any extension
 * (`nul.txt`, `Con.service.ts` are the device too): "Naming Files, Paths, and Namespaces" in Microsoft's
 * Win32 documentation, which also lists COM and LPT with the superscript digits ¹ ² ³.
 */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** `CON, PRN, AUX, NUL, COM0-9, LPT0-9`, for messages. */
export const WINDOWS_DEVICE_NAMES = 'CON, PRN, AUX, NUL, COM0-9, LPT0-9';

/**
 * Whether Windows takes a file or folder of this name for a device: the part before the first dot
 * (trailing spaces dropped, as Windows drops them) is a reserved device name.
 */
export function isWindowsDeviceName(segment: string): boolean {
  return DEVICE_NAME.test(segment.split('.')[0]!.trimEnd());
}

/**
 * Longest relative path Strata writes, in characters. Windows' MAX_PATH is 260 characters for the whole
 * path, and the workspace folder comes in front of ours (`C:\Users\someone\projects\my-backend\` is
 * already 37): 180 leaves 80 for the folder and the terminating NUL, so every file still opens in tools
 * that do not use long paths.
 */
export const MAX_RELATIVE_PATH = 180;

/** Longest file or folder name in UTF-8 bytes: ext4 and most Linux file systems allow 255 bytes, NTFS and APFS 255 characters. */
export const MAX_SEGMENT_BYTES = 255;

/** Characters Windows refuses in file names; `/` separates segments, so it never appears in one. */
const FORBIDDEN = /[<>:"\\|?*]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Every reason `relativePath` (segments separated by `/`) cannot be written portably, each a sentence
 * naming the file; none when it can. Checks: no empty segment, `.` or `..`; each segment at most 255 UTF-8
 * bytes; the whole path at most 180 characters; no Windows device name as a segment's base name; none of
 * `< > : " \ | ? *` or control characters; no segment ending in a dot or a space.
 */
export function pathProblems(relativePath: string): string[] {
  const shown = JSON.stringify(relativePath);
  if (relativePath === '') return ['The path is empty: a file needs a name.'];
  const problems: string[] = [];
  if (relativePath.length > MAX_RELATIVE_PATH) {
    problems.push(
      `${shown} is ${relativePath.length} characters long; project paths are at most ${MAX_RELATIVE_PATH}, so that with the workspace folder in front they stay within Windows' 260-character MAX_PATH.`,
    );
  }
  const segments = relativePath.split('/');
  segments.forEach((segment, index) => {
    const what = index === segments.length - 1 ? 'the file name' : 'the folder';
    if (segment === '') {
      const where = index === 0 ? 'starts with "/"' : index === segments.length - 1 ? 'ends with "/"' : 'has an empty folder name ("//")';
      problems.push(`${shown} ${where}: every part of a project path needs a name.`);
      return;
    }
    if (segment === '.' || segment === '..') {
      problems.push(`${shown} has "${segment}" as a part: project paths name each folder, without "." or "..".`);
      return;
    }
    const quoted = JSON.stringify(segment);
    const bytes = new TextEncoder().encode(segment).length;
    if (bytes > MAX_SEGMENT_BYTES) problems.push(`In ${shown}, ${what} "${segment.slice(0, 40)}…" is ${bytes} bytes long; file systems allow at most ${MAX_SEGMENT_BYTES}.`);
    if (isWindowsDeviceName(segment)) {
      problems.push(`In ${shown}, ${what} ${quoted} is a device name Windows reserves (${WINDOWS_DEVICE_NAMES}, with or without an extension), so it cannot be created there.`);
    }
    const forbidden = FORBIDDEN.exec(segment);
    if (forbidden) problems.push(`In ${shown}, ${what} ${quoted} has ${JSON.stringify(forbidden[0])}, which Windows refuses in file names (< > : " \\ | ? *).`);
    if (CONTROL.test(segment)) problems.push(`In ${shown}, ${what} ${quoted} has a control character, which file names cannot hold on Windows.`);
    if (/[. ]$/.test(segment)) problems.push(`In ${shown}, ${what} ${quoted} ends with ${segment.endsWith('.') ? 'a dot' : 'a space'}, which Windows drops, so the file would get another name.`);
  });
  return problems;
}

/**
 * Groups of two or more different paths that are one file on a case-insensitive file system (macOS and
 * Windows by default), in the order they first appear; the same path listed twice is not a collision.
 */
export function caseCollisions(paths: Iterable<string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const key = foldCase(path);
    const group = groups.get(key);
    if (!group) groups.set(key, [path]);
    else if (!group.includes(path)) group.push(path);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/**
 * Case folding close to what NTFS and APFS do: each character compared by its simple lower-case form
 * (only where that is one character again, as in their case tables: `İ` stays itself rather than become `i` plus a dot), after Unicode composition (APFS compares
 * composed and decomposed names as one).
 */
function foldCase(path: string): string {
  let folded = '';
  for (const char of path.normalize('NFC')) {
    const lower = char.toLowerCase();
    folded += [...lower].length === 1 ? lower : char;
  }
  return folded;
}
