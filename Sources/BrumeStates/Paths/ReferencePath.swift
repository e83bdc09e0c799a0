import BrumeWire

/// The restricted path Step Functions allows where a value is written (`ResultPath`): `$`
/// followed only by dotted names, bracketed quoted names and non-negative indexes, so it names
/// exactly one node of the input.
///
/// AWS's reference-path rules: fields only by `.` and `[ ]`; no functions such as `length()`;
/// none of `@`, `,`, `:`, `?`; no wildcards, filters or deep scan; and no `$$` or variables,
/// since the node must be in the state input.
struct ReferencePath: Sendable, Equatable, CustomStringConvertible {
    /// One step into the document.
    enum Step: Sendable, Equatable {
        case name(String)
        case index(Int)
    }

    /// The text as written, which AWS quotes in its causes.
    let text: String
    let steps: [Step]

    var description: String { text }

    /// Parses a reference path for the definition field `field`.
    ///
    /// - Throws: `StatesError` named `States.Runtime` whose cause is the sentence AWS's
    ///   validation uses (`The value for the field 'ResultPath' must be a valid ReferencePath`);
    ///   the validator reports it as `SCHEMA_VALIDATION_FAILED: <cause> at /States/<name>/<field>`.
    static func parse(_ text: String, field: String = "ResultPath") throws(StatesError) -> ReferencePath {
        let invalid = StatesError.runtime("The value for the field '\(field)' must be a valid ReferencePath")
        guard let path = try? JSONPath(text), path.root == .input else { throw invalid }
        var steps: [Step] = []
        for segment in path.segments {
            switch segment {
            case .child(.name(let name)): steps.append(.name(name))
            case .child(.index(let index)) where index >= 0: steps.append(.index(index))
            default: throw invalid
            }
        }
        return ReferencePath(text: text, steps: steps)
    }

    /// `document` with `value` written at this path.
    ///
    /// Missing object members along the way are created as empty objects, so `$.a.b` on `{}`
    /// gives `{"a":{"b":value}}`; an existing member is replaced in place, keeping its position.
    /// An index must name an existing element: arrays are not extended.
    ///
    /// - Throws: `States.ResultPathMatchFailure` with AWS's cause
    ///   (`Unable to apply ReferencePath $.a.b to input <input JSON>`) when a step meets a
    ///   value that is not an object (for a name) or not an array long enough (for an index).
    func set(_ value: JSONValue, in document: JSONValue) throws(StatesError) -> JSONValue {
        guard let updated = ReferencePath.set(value, in: document, steps: steps[...]) else {
            let input = String(decoding: document.serialized, as: UTF8.self)
            throw StatesError(StatesErrorName.resultPathMatchFailure, "Unable to apply ReferencePath \(text) to input \(input)")
        }
        return updated
    }

    private static func set(_ value: JSONValue, in node: JSONValue?, steps: ArraySlice<Step>) -> JSONValue? {
        guard let step = steps.first else { return value }
        switch (step, node) {
        case (.name(let name), .object(var object)?):
            guard let child = set(value, in: object[name] ?? .object([:]), steps: steps.dropFirst()) else { return nil }
            object[name] = child
            return .object(object)
        case (.index(let index), .array(var elements)?) where elements.indices.contains(index):
            guard let child = set(value, in: elements[index], steps: steps.dropFirst()) else { return nil }
            elements[index] = child
            return .array(elements)
        default:
            return nil
        }
    }
}
