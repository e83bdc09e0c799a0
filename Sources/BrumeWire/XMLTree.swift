public import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: name, text and children. Request bodies (S3's `<Delete>`,
/// `<CompleteMultipartUpload>`, `<Tagging>`) are small, so a tree is the simplest faithful form.
public struct XMLTree: Sendable, Equatable {
    /// The element's local name, without namespace prefix.
    public var name: String
    /// The concatenated text directly inside the element.
    public var text: String
    /// Child elements in document order.
    public var children: [XMLTree]

    public init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child with `name`.
    public func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// Every child with `name`.
    public func children(named name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// The deepest nesting a document may have. AWS request bodies nest a few levels; a client's
    /// 100,000 nested elements would otherwise build a tree whose recursive teardown overflows the
    /// stack and takes the process down.
    public static let maximumDepth = 64

    /// Parses a document and returns its root element.
    /// - Throws: ``XMLTreeError/malformed`` for anything that is not well-formed XML, nests
    ///   deeper than ``maximumDepth``, is not UTF-8, or holds a processing instruction without
    ///   data.
    public static func parse(_ data: Data) throws(XMLTreeError) -> XMLTree {
        // FoundationXML force-unwraps every name libxml2 reports as a Swift string, and libxml2
        // passes on the bytes of a name that is not UTF-8 (`<\u{FF}/>`), so such a body would take
        // the process down; AWS's request bodies are UTF-8.
        guard String(validating: data, as: UTF8.self) != nil else { throw .malformed }
        guard !hasProcessingInstructionWithoutData(data) else { throw .malformed }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), !builder.tooDeep, let root = builder.root else { throw .malformed }
        return root
    }
}

extension XMLTree {
    /// Whether `data` holds a processing instruction with no data after its target, such as
    /// `<?xml?>` or `<?pi?>`. FoundationXML reads the missing data through a null pointer and
    /// takes the process down, so such documents never reach it. The scan does not know about
    /// CDATA sections, so one that holds such text is refused too; AWS bodies carry neither.
    static func hasProcessingInstructionWithoutData(_ data: Data) -> Bool {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            let lessThan = UInt8(ascii: "<"), question = UInt8(ascii: "?"), greaterThan = UInt8(ascii: ">")
            var index = 0
            while index + 1 < bytes.count {
                guard bytes[index] == lessThan, bytes[index + 1] == question else {
                    index += 1
                    continue
                }
                var end = index + 2
                while end < bytes.count, bytes[end] != question, !isXMLSpace(bytes[end]) {
                    end += 1
                }
                if end + 1 < bytes.count, bytes[end] == question, bytes[end + 1] == greaterThan {
                    return true
                }
                index = end
            }
            return false
        }
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Why a body is not usable XML.
public enum XMLTreeError: Error, Sendable {
    /// The bytes are not a well-formed XML document.
    case malformed
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?
    var tooDeep = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard stack.count < XMLTree.maximumDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        stack.append(XMLTree(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let finished = stack.popLast() else { return }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }
}
