// The parse half of the iJw codec lives with the rest of the codec in adapters/ijw-xml (one module
// for XML <-> JSON form); this re-export keeps the validation layer's import path working.
export {
  createIjwXmlParser,
  IJW_BASISSCHEMA_NAMESPACE,
  IJW_NAMESPACE_PREFIX,
  ijwMessageNamespace,
  parseIjwXml,
  type IjwXmlParser,
  type IjwXmlParserOptions,
  type JsonObject,
  type JsonValue,
  type ParsedIjwMessage,
} from '../../adapters/ijw-xml/ijw-xml-parser.ts';
