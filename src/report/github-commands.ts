/**
 * GitHub Actions workflow commands (`::error file=...,line=...,title=...::message`), escaped the way the
 * runner unescapes them: `%`, CR and LF in the message; those and `:` and `,` in property values.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly level: AnnotationLevel;
  readonly message: string;
  readonly title?: string;
  readonly file?: string;
  readonly line?: number;
}

/** The message part of a workflow command. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command line (without its line break).
 *
 * @example
 * formatAnnotation({ level: 'error', file: 'contracts/a.yaml', line: 3, title: 'x', message: 'a\nb' });
 * // '::error file=contracts/a.yaml,line=3,title=x::a%0Ab'
 */
export function formatAnnotation(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file !== undefined) properties.push(`file=${escapeCommandProperty(annotation.file)}`);
  if (annotation.file !== undefined && annotation.line !== undefined) properties.push(`line=${annotation.line}`);
  if (annotation.title !== undefined) properties.push(`title=${escapeCommandProperty(annotation.title)}`);
  const head = properties.length > 0 ? `${annotation.level} ${properties.join(',')}` : annotation.level;
  return `::${head}::${escapeCommandData(annotation.message)}`;
}
