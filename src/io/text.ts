/**
 * UTF-8 bytes as text, a byte-order mark dropped (or kept, for text written back as it was read);
 * undefined when they are not UTF-8. A config or an answers file saved in another encoding
 * (Windows-1251, say) would otherwise be read with its Cyrillic turned into U+FFFD: aliases that
 * match no heading, an owner of question marks.
 */
export function utf8Text(bytes: Uint8Array, { keepBom = false } = {}): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Why a file that is not UTF-8 cannot be read, for a one-line error. */
export const NOT_UTF8 = 'it is not UTF-8 text (saved as Windows-1251, say?): save it as UTF-8';
