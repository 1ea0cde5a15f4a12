/** A person found in the phone system's directory, with one number to call. A person with
 * several numbers is several entries, each labelled. */
export interface DirectoryContact {
  name: string;
  number: string;
  /** Which of the person's numbers this is, as the directory names it (e.g. "Mobile"). */
  label?: string;
}

/** The most a search returns: the dialer shows a short list, not a phone book. */
export const DIRECTORY_MAX_RESULTS = 20;
/** The shortest term worth asking the server for. */
export const DIRECTORY_MIN_TERM = 2;
export const DIRECTORY_MAX_TERM = 64;

/** Contacts as they crossed a message boundary, each field checked. */
export function readDirectoryContacts(value: unknown): DirectoryContact[] {
  if (!Array.isArray(value)) throw new Error('contacts is not a list');
  return value.slice(0, DIRECTORY_MAX_RESULTS).map((c: unknown) => {
    const v = c as Record<string, unknown> | null;
    if (typeof v?.name !== 'string' || typeof v.number !== 'string') throw new Error('a contact has no name or number');
    return { name: v.name.slice(0, 128), number: v.number.slice(0, 64), ...(typeof v.label === 'string' && v.label ? { label: v.label.slice(0, 32) } : {}) };
  });
}
