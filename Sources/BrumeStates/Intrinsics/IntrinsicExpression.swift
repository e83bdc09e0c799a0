import BrumeWire

/// A parsed intrinsic function call such as `States.Format('Hello, {}', $.name)`.
///
/// Definitions are parsed once, at validation time, so a syntax error is reported when the state
/// machine is created rather than when an execution reaches the state.
struct IntrinsicCall: Sendable, Equatable {
    /// The function, e.g. `States.Format`.
    var function: IntrinsicFunction
    var arguments: [IntrinsicArgument]
}

/// One argument of an intrinsic call, as written in the definition.
indirect enum IntrinsicArgument: Sendable, Equatable {
    /// A quoted string; kept with its escapes resolved but its unescaped braces marked, because
    /// `States.Format` treats `{}` and `\{\}` differently.
    case string(IntrinsicStringLiteral)
    /// A number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// A reference path (`$.x`, `$$.x`, `$name`, `$`), resolved by the interpreter at run time.
    case path(String)
    /// A nested call.
    case call(IntrinsicCall)
}

/// A single-quoted string literal split at the braces that were not escaped.
struct IntrinsicStringLiteral: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        /// Ordinary text, escapes already resolved (so `\{` is here as `{`).
        case text(String)
        /// An unescaped `{}`.
        case placeholder
        /// An unescaped `{` that is not followed by `}`.
        case openBrace
        /// An unescaped `}` that does not close a `{`.
        case closeBrace
    }

    var segments: [Segment]

    /// The string the literal denotes when it is used as a plain value.
    var value: String {
        segments.reduce(into: "") { text, segment in
            switch segment {
            case .text(let run): text += run
            case .placeholder: text += "{}"
            case .openBrace: text += "{"
            case .closeBrace: text += "}"
            }
        }
    }

    /// Splits a string that came from data (a path, a nested call) the same way, so a template
    /// read from the input follows the same placeholder rules as one written inline.
    init(template: String) {
        var segments: [Segment] = []
        var run = ""
        var characters = template.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            switch character {
            case "{":
                if !run.isEmpty { segments.append(.text(run)); run = "" }
                if pending == "}" {
                    segments.append(.placeholder)
                    pending = characters.next()
                } else {
                    segments.append(.openBrace)
                }
            case "}":
                if !run.isEmpty { segments.append(.text(run)); run = "" }
                segments.append(.closeBrace)
            default:
                run.append(character)
            }
        }
        if !run.isEmpty { segments.append(.text(run)) }
        self.segments = segments
    }

    init(segments: [Segment]) {
        self.segments = segments
    }
}

/// The intrinsic functions of the Amazon States Language (JSONPath query language only).
enum IntrinsicFunction: String, Sendable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"
}
