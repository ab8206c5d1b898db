/** A strict RFC 4180 reader for tests: quoted fields, doubled quotes, line breaks inside. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') {
      if (field !== '') throw new Error(`stray quote at ${i}`);
      quoted = true;
    } else if (char === ',') endField();
    else if (char === '\n') {
      endField();
      records.push(record);
      record = [];
    } else field += char;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length > 0) throw new Error('last record not newline-terminated');
  return records;
}

/** The records of a CSV export as objects keyed by its header row. */
export function readCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('no header row');
  for (const row of rows) if (row.length !== header.length) throw new Error(`ragged row: ${row}`);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]!])));
}
