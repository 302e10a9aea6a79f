/**
 * SEDA 2.3 XSD validation inside the Worker (libxml2 compiled to WebAssembly): a manifest that
 * does not validate is refused with libxml2's own messages (line and reason), before anything is
 * stored. The schema is compiled once per isolate.
 */
import { XmlDocument, XmlValidateError, XmlParseError, XsdValidator, openBuffer, readBuffer, closeBuffer, xmlRegisterInputProvider } from "./libxml2.ts";
import main from "../../schemas/xsd-seda-2.3/seda-2.3-main.xsd";
import types from "../../schemas/xsd-seda-2.3/seda-2.3-types.xsd";
import technical from "../../schemas/xsd-seda-2.3/seda-2.3-technical.xsd";
import management from "../../schemas/xsd-seda-2.3/seda-2.3-management.xsd";
import descriptive from "../../schemas/xsd-seda-2.3/seda-2.3-descriptive.xsd";
import ontology from "../../schemas/xsd-seda-2.3/seda-2.3-ontology.xsd";
import xml from "../../schemas/xsd-w3c/xml.xsd";
import xlink from "../../schemas/xsd-w3c/xlink.xsd";

const enc = new TextEncoder();
/** What the schemas include or import, by the last segment of the name libxml2 asks for. */
const FILES: Record<string, Uint8Array> = Object.fromEntries(
  Object.entries({
    "seda-2.3-types.xsd": types,
    "seda-2.3-technical.xsd": technical,
    "seda-2.3-management.xsd": management,
    "seda-2.3-descriptive.xsd": descriptive,
    "seda-2.3-ontology.xsd": ontology,
    "xml.xsd": xml,
    "xlink.xsd": xlink,
  }).map(([k, v]) => [k, enc.encode(v)]),
);
const lastSegment = (name: string) => name.split("/").pop() ?? name;

let validator: XsdValidator | undefined;

function schema(): XsdValidator {
  if (validator) return validator;
  xmlRegisterInputProvider({
    match: (name) => lastSegment(name) in FILES,
    open: (name) => openBuffer(FILES[lastSegment(name)]),
    read: readBuffer,
    close: (fd) => {
      closeBuffer(fd);
      return true;
    },
  });
  const doc = XmlDocument.fromString(main, { url: "seda-2.3-main.xsd" });
  try {
    validator = XsdValidator.fromDoc(doc);
  } finally {
    doc.dispose();
  }
  return validator;
}

export interface XsdProblem {
  line: number;
  message: string;
}

/** Validates a SEDA 2.3 message; the list of problems (empty when valid). */
export function validateSeda(text: string): XsdProblem[] {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(text);
  } catch (err) {
    if (err instanceof XmlParseError) return err.details.map((d) => ({ line: d.line ?? 0, message: d.message.trim() }));
    throw err;
  }
  try {
    schema().validate(doc);
    return [];
  } catch (err) {
    if (err instanceof XmlValidateError) return err.details.map((d) => ({ line: d.line ?? 0, message: d.message.trim() }));
    throw err;
  } finally {
    doc.dispose();
  }
}
