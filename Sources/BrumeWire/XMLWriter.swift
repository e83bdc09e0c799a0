/// Builds XML documents for the query and rest-xml protocols, escaping text as it goes.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.element("ListAllMyBucketsResult", namespace: S3.xmlNamespace) { xml in
///     xml.element("Owner") { xml in xml.element("ID", "000000000000") }
/// }
/// ```
public struct XMLWriter: Sendable {
    /// The document so far.
    public private(set) var text: String

    /// Starts a document with the XML declaration.
    public init(declaration: Bool = true) {
        text = declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        text.reserveCapacity(512)
    }

    /// Writes `<name>` with children and `</name>`.
    public mutating func element(_ name: String, namespace: String? = nil, _ children: (inout XMLWriter) -> Void) {
        text += "<\(name)"
        if let namespace { text += " xmlns=\"\(namespace)\"" }
        text += ">"
        children(&self)
        text += "</\(name)>"
    }

    /// Writes `<name>value</name>` with the value escaped.
    public mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>"
        XMLWriter.escape(value, into: &text)
        text += "</\(name)>"
    }

    /// Writes escaped character data inside the current element.
    public mutating func characters(_ value: String) {
        XMLWriter.escape(value, into: &text)
    }

    /// Writes the element only when `value` is not nil.
    public mutating func element(_ name: String, ifPresent value: String?) {
        if let value { element(name, value) }
    }

    /// Writes `<name>true</name>` or `<name>false</name>`.
    public mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    /// Writes an integer element.
    public mutating func element(_ name: String, _ value: some BinaryInteger) {
        element(name, String(value))
    }

    /// Appends text escaped for element content.
    public static func escape(_ value: String, into output: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\r": output += "&#13;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t":
                // XML 1.0 cannot carry these; S3 writes them as character references.
                output += "&#\(scalar.value);"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    /// The document as UTF-8 bytes.
    public var bytes: [UInt8] { Array(text.utf8) }
}
