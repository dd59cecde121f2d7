import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The reference text as places a locator can name, so that a test can say not only "this quote is in the
 * text" but "it is where the locator says". Locators are written as data/README.md describes:
 *   `== Chronology == / === April 2013 ===`      a heading path, as the headings are written
 *   `== Meetings of the CS == / table, row 10`   the 10th data row of that section's table
 *   `== Composition of the council == / Left-wing forces`   a sub-list of a section ("- Left-wing forces")
 *   `= Russian Opposition Coordination Council = / infobox` (or `/ introduction`)
 * and `; ` separates the places of a request that draws on several.
 */
/** The copy of the reference text that travels with the dataset (so a fresh clone can check its quotes). */
export const REFERENCE_PATH = join(__dirname, '..', '..', 'data', 'coordination-council', 'reference-text.txt');

/** Where the shared original may be (beside the repository, as `../shared/reference/`), to check the copy against. */
export function sharedReferenceCandidates(): string[] {
  const name = join('shared', 'reference', 'coordination-council-2012-2013.txt');
  return [process.env.REFERENCE_TEXT ?? '', join(__dirname, '..', '..', '..', name), join(__dirname, '..', '..', '..', '..', name)].filter((p) => p !== '');
}

interface Section {
  heading: string;
  level: number;
  /** Lines of the section, its subsections included (the heading line excluded). */
  lines: string[];
  /** Lines before its first subsection. */
  own: string[];
}

const HEADING = /^(=+)\s*(.*?)\s*\1\s*$/;

export class ReferenceText {
  private readonly sections: Section[] = [];

  constructor(readonly text: string) {
    const lines = text.split('\n');
    const open: Section[] = [];
    for (const line of lines) {
      const match = HEADING.exec(line.trim());
      if (match) {
        const level = match[1].length;
        while (open.length > 0 && open[open.length - 1].level >= level) open.pop();
        const section: Section = { heading: line.trim(), level, lines: [], own: [] };
        this.sections.push(section);
        open.push(section);
        continue;
      }
      for (const s of open) s.lines.push(line);
      open[open.length - 1]?.own.push(line);
    }
  }

  /** The text a locator names, or an error saying which part of it names nothing. */
  resolve(locator: string): { text: string } | { error: string } {
    const parts = locator.split(' / ').map((p) => p.trim());
    // A path starts at a section of the first two levels (the title or a == chapter ==), as data/README.md writes it.
    let scope: Section[] = this.sections.filter((s) => s.level <= 2);
    let text: string | undefined;
    let within: Section | undefined;
    for (const part of parts) {
      if (part.startsWith('=')) {
        const section = scope.find((s) => s.heading === part);
        if (!section) return { error: `no heading ${JSON.stringify(part)}${within ? ` under ${within.heading}` : ''}` };
        within = section;
        text = section.lines.join('\n');
        scope = this.subsections(section);
        continue;
      }
      if (!within || text === undefined) return { error: `${JSON.stringify(part)} must follow a heading` };
      const row = /^table, row (\d+)$/.exec(part);
      if (row) {
        const rows = text.split('\n').filter((l) => l.startsWith('|')).slice(1);
        const n = Number(row[1]);
        if (n < 1 || n > rows.length) return { error: `${within.heading} has a table of ${rows.length} rows, not a row ${n}` };
        text = rows[n - 1];
      } else if (part === 'infobox') {
        text = within.own.filter((l) => l.startsWith('- ')).join('\n');
        if (text === '') return { error: `${within.heading} has no infobox` };
      } else if (part === 'introduction') {
        text = within.own.filter((l) => !l.startsWith('- ')).join('\n');
      } else {
        const lines = text.split('\n');
        const start = lines.findIndex((l) => l.trim() === `- ${part}`);
        if (start < 0) return { error: `${within.heading} has no list ${JSON.stringify(part)}` };
        const end = lines.findIndex((l, i) => i > start && /^- \D/.test(l.trim()));
        text = lines.slice(start, end < 0 ? undefined : end).join('\n');
      }
    }
    return text === undefined ? { error: 'empty locator' } : { text };
  }

  private subsections(section: Section): Section[] {
    const i = this.sections.indexOf(section);
    const result: Section[] = [];
    for (const s of this.sections.slice(i + 1)) {
      if (s.level <= section.level) break;
      result.push(s);
    }
    return result;
  }
}

export function readReference(): ReferenceText {
  return new ReferenceText(readFileSync(REFERENCE_PATH, 'utf8'));
}

/** The shared original's text, when it is found beside the repository. */
export function readSharedReference(): string | undefined {
  for (const path of sharedReferenceCandidates()) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}
