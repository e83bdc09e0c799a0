import Foundation

/// Writes an operation's result, held as the ``JSONValue`` the JSON protocol would have sent, as
/// a query-protocol XML response.
///
/// ```xml
/// <SendMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
///   <SendMessageResult><MessageId>…</MessageId><MD5OfMessageBody>…</MD5OfMessageBody></SendMessageResult>
///   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
/// </SendMessageResponse>
/// ```
/// (shown indented; the output has no whitespace between elements).
public enum QueryResponseEncoder {
    /// Encodes the response document for `operation`.
    ///
    /// Members are written in the shape's order under their query names; members missing from
    /// `result` or null are left out. Lists and maps follow the shape's flattening (see
    /// ``QueryShape``), map entries are sorted by key so output is deterministic, and timestamps
    /// given as epoch seconds are written in ISO 8601.
    ///
    /// - Parameters:
    ///   - operation: The operation name, e.g. `SendMessage`; it names the `…Response` and
    ///     `…Result` elements.
    ///   - result: The operation's output; nil writes an empty `…Result`.
    ///   - shape: The output shape, or nil for an operation without output (e.g.
    ///     `DeleteMessage`), whose response then has no `…Result` element at all.
    ///   - requestID: The id for `ResponseMetadata/RequestId`.
    ///   - namespace: The service's XML namespace, e.g. `http://queue.amazonaws.com/doc/2012-11-05/`.
    public static func encode(
        operation: String, result: JSONValue?, shape: QueryShape?, requestID: String, namespace: String
    ) -> [UInt8] {
        var xml = XMLWriter()
        xml.element("\(operation)Response", namespace: namespace) { xml in
            if let shape {
                xml.element("\(operation)Result") { xml in
                    if let result { writeContent(of: result, as: shape, into: &xml) }
                }
            }
            xml.element("ResponseMetadata") { xml in xml.element("RequestId", requestID) }
        }
        return xml.bytes
    }

    /// Writes what goes inside an element holding `value`: members for a structure, text for a scalar.
    private static func writeContent(of value: JSONValue, as shape: QueryShape, into xml: inout XMLWriter) {
        switch shape {
        case .structure(let members):
            guard case .object(let object) = value else { return }
            for member in members {
                if let memberValue = object[member.name] {
                    writeElement(member.queryName, memberValue, as: member.shape, into: &xml)
                }
            }
        case .list, .map:
            // Only reachable for a result shape that is not a structure, which botocore never
            // generates; there is no element name to repeat, so write nothing rather than guess.
            return
        case .string, .integer, .long, .boolean, .blob, .timestamp:
            if let text = text(of: value, as: shape) { xml.characters(text) }
        }
    }

    /// Writes `value` as the element (or, for flattened collections, elements) named `name`.
    private static func writeElement(_ name: String, _ value: JSONValue, as shape: QueryShape, into xml: inout XMLWriter) {
        if value.isNull { return }
        switch shape {
        case .list(let itemShape, let memberName, let flattened):
            guard case .array(let items) = value else { return }
            if flattened {
                for item in items { writeElement(name, item, as: itemShape, into: &xml) }
            } else {
                xml.element(name) { xml in
                    for item in items { writeElement(memberName, item, as: itemShape, into: &xml) }
                }
            }
        case .map(_, let valueShape, let keyName, let valueName, let flattened):
            guard case .object(let entries) = value else { return }
            let sortedEntries = entries.sorted { $0.key < $1.key }
            func writeEntry(_ key: String, _ entryValue: JSONValue, into xml: inout XMLWriter) {
                xml.element(keyName, key)
                writeElement(valueName, entryValue, as: valueShape, into: &xml)
            }
            if flattened {
                for (key, entryValue) in sortedEntries {
                    xml.element(name) { xml in writeEntry(key, entryValue, into: &xml) }
                }
            } else {
                xml.element(name) { xml in
                    for (key, entryValue) in sortedEntries {
                        xml.element("entry") { xml in writeEntry(key, entryValue, into: &xml) }
                    }
                }
            }
        case .structure:
            xml.element(name) { xml in writeContent(of: value, as: shape, into: &xml) }
        case .string, .integer, .long, .boolean, .blob, .timestamp:
            if let text = text(of: value, as: shape) { xml.element(name, text) }
        }
    }

    /// The character data for a scalar; nil for arrays and objects, which a scalar shape cannot hold.
    private static func text(of value: JSONValue, as shape: QueryShape) -> String? {
        let isTimestamp = if case .timestamp = shape { true } else { false }
        switch value {
        case .string(let text):
            return text
        case .bool(let flag):
            return flag ? "true" : "false"
        case .int(let number):
            // The JSON protocols carry timestamps as epoch seconds; the query protocol as ISO 8601.
            return isTimestamp ? AWSTimestamp.iso8601(Date(timeIntervalSince1970: Double(number))) : String(number)
        case .double(let number):
            if isTimestamp, number.isFinite { return AWSTimestamp.iso8601(Date(timeIntervalSince1970: number)) }
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            return String(decoding: value.serialized, as: UTF8.self)
        case .null, .array, .object:
            return nil
        }
    }
}
