import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** Jenkins' JUnit schema, from the shared folder beside the repository (where CI puts it too). */
export const JUNIT_XSD = fileURLToPath(new URL('../../../../shared/schemas/junit-10.xsd', import.meta.url));

/** The XSD validation errors of `xml` (empty when it is valid), from libxml2 compiled to WebAssembly. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  if (!existsSync(JUNIT_XSD)) throw new Error(`Failed to find the JUnit schema at ${JUNIT_XSD}: the shared folder belongs beside the repository.`);
  const result = await validateXML({
    xml: [{ fileName: 'junit.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: readFileSync(JUNIT_XSD, 'utf8') }],
  });
  return result.errors.map((error) => error.rawMessage);
}
