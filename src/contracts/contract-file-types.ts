/**
 * Which uploads a contract accepts, judged by their bytes (file-type's magic numbers), not only their
 * name: PDF, Word (.docx, .doc), Excel (.xlsx, .xls), PNG, JPEG and plain text (.txt, .csv: valid
 * UTF-8 without NUL bytes, as text has no magic number). The name's extension must agree with the
 * content, so a program renamed "invoice.pdf" is refused and says what it really is.
 */
import { fileTypeFromBuffer } from 'file-type';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ALLOWED_TYPES_TEXT = 'PDF, Word, Excel, PNG, JPEG or text';

interface Allowed {
  label: string;
  contentType: string;
  extensions: readonly string[];
}

const BY_DETECTED_MIME: Record<string, Allowed> = {
  'application/pdf': { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'] },
  'image/png': { label: 'PNG image', contentType: 'image/png', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word document',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel workbook',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
};

/** Old Office files are OLE compound files (file-type says application/x-cfb): the extension says which. */
const COMPOUND: Record<string, Allowed> = {
  doc: { label: 'Word document', contentType: 'application/msword', extensions: ['doc'] },
  xls: { label: 'Excel workbook', contentType: 'application/vnd.ms-excel', extensions: ['xls'] },
};
const TEXT: Record<string, Allowed> = {
  txt: { label: 'text file', contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
  csv: { label: 'text file', contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
};

export type FileCheck = { ok: true; contentType: string } | { ok: false; message: string };

const extensionOf = (name: string): string => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export async function checkFileType(name: string, bytes: Uint8Array): Promise<FileCheck> {
  const ext = extensionOf(name);
  const refuse = (what: string): FileCheck => ({ ok: false, message: `“${name}” was not added: ${what}. Upload a ${ALLOWED_TYPES_TEXT} file.` });
  if (bytes.length === 0) return refuse('it is empty');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const allowed = detected.mime === 'application/x-cfb' ? COMPOUND[ext] : BY_DETECTED_MIME[detected.mime];
    if (!allowed)
      return refuse(
        `its content is ${detected.mime === 'application/x-cfb' ? 'an Office file of another kind' : `a .${detected.ext} file (${detected.mime})`}`,
      );
    if (!allowed.extensions.includes(ext))
      return refuse(`its name ends in “.${ext || '(none)'}” but its content is a ${allowed.label} (.${allowed.extensions[0] ?? ''})`);
    return { ok: true, contentType: allowed.contentType };
  }
  const text = TEXT[ext];
  if (text && isText(bytes)) return { ok: true, contentType: text.contentType };
  return refuse(text ? 'it is not plain text (UTF-8)' : 'its content is not one of the allowed types');
}
