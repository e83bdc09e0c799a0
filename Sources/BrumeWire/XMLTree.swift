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

    /// Parses a document and returns its root element.
    /// - Throws: ``XMLTreeError/malformed`` for anything that is not well-formed XML.
    public static func parse(_ data: Data) throws(XMLTreeError) -> XMLTree {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { throw .malformed }
        return root
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

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
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
