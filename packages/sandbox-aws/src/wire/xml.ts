import type { AwsService } from "../errors";
import { AwsError } from "../errors";

/** A map in the Query protocol's shape: `<entry><key>…</key><value>…</value></entry>` per key (IAM's SummaryMap). */
export class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

/** A value the XML writer understands: objects become elements, arrays become wrapped lists. */
export type XmlField = string | number | boolean | Date | undefined | null | XmlMap | XmlObject | XmlField[];
export interface XmlObject {
  [element: string]: XmlField;
}

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';

const NAMESPACES: Record<AwsService, string> = {
  ec2: "http://ec2.amazonaws.com/doc/2016-11-15/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  elasticloadbalancing: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
};

const ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };
const NEEDS_ESCAPE = /[<>&"']/;

export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[<>&"']/g, (c) => ESCAPES[c] ?? c) : text;
}

function scalar(value: string | number | boolean | Date): string {
  if (typeof value === "string") return escapeXml(value);
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * Writes one element; lists wrap each entry in `<item>` (EC2) or `<member>` (STS, IAM). Plain
 * string concatenation: a 1000-endpoint page is about a megabyte, and this is its hot path.
 */
function element(name: string, value: XmlField, listItem: string): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    let out = `<${name}>`;
    for (const entry of value) out += element(listItem, entry, listItem);
    return `${out}</${name}>`;
  }
  if (value instanceof XmlMap) {
    let out = `<${name}>`;
    for (const key in value.entries) out += `<entry><key>${escapeXml(key)}</key><value>${scalar(value.entries[key]!)}</value></entry>`;
    return `${out}</${name}>`;
  }
  if (typeof value === "object" && !(value instanceof Date)) return `<${name}>${toXml(value, listItem)}</${name}>`;
  return `<${name}>${scalar(value)}</${name}>`;
}

export function toXml(fields: XmlObject, listItem: string): string {
  let out = "";
  for (const key in fields) out += element(key, fields[key], listItem);
  return out;
}

/** The success document of an action, in the service's own envelope. */
export function successDocument(service: AwsService, action: string, result: XmlObject | undefined, requestId: string): string {
  const ns = NAMESPACES[service];
  if (service === "ec2") {
    return `${XML_HEADER}<${action}Response xmlns="${ns}"><requestId>${requestId}</requestId>${toXml(result ?? {}, "item")}</${action}Response>`;
  }
  const body = result === undefined ? "" : `<${action}Result>${toXml(result, "member")}</${action}Result>`;
  return `${XML_HEADER}<${action}Response xmlns="${ns}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** The error document: EC2's `<Response><Errors>` or the Query protocol's `<ErrorResponse>`. */
export function errorDocument(service: AwsService, error: AwsError, requestId: string): string {
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  if (service === "ec2") {
    return `${XML_HEADER}<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  }
  return `${XML_HEADER}<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>${error.type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
