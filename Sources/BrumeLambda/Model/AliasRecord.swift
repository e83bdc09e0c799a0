import BrumeWire

/// A function alias: a name that points at a version, optionally sending a share of invokes to
/// a second version (`RoutingConfig.AdditionalVersionWeights`).
struct AliasRecord: Codable, Sendable, Equatable {
    var name: String
    var functionName: String
    var functionVersion: String
    var description: String
    /// At most one other version, with the share of invokes (0 to 1) it takes.
    var additionalVersionWeights: [String: Double]
    var revisionID: String

    /// The version one invoke runs: the additional version with its weight's probability.
    func pickVersion(random: Double = Double.random(in: 0..<1)) -> String {
        var threshold = 0.0
        for (version, weight) in additionalVersionWeights.sorted(by: { $0.key < $1.key }) {
            threshold += weight
            if random < threshold { return version }
        }
        return functionVersion
    }

    func json(functionARN: String) -> JSONValue {
        var object: JSONObject = [:]
        object["AliasArn"] = .string("\(functionARN):\(name)")
        object["Name"] = .string(name)
        object["FunctionVersion"] = .string(functionVersion)
        object["Description"] = .string(description)
        if !additionalVersionWeights.isEmpty {
            var weights: JSONObject = [:]
            for key in additionalVersionWeights.keys.sorted() { weights[key] = .double(additionalVersionWeights[key]!) }
            object["RoutingConfig"] = .object(["AdditionalVersionWeights": .object(weights)])
        }
        object["RevisionId"] = .string(revisionID)
        return .object(object)
    }

    /// Alias names: 1 to 128 letters, digits, hyphens and underscores, not all digits.
    static func isValidName(_ name: String) -> Bool {
        (1...128).contains(name.count) && name.unicodeScalars.allSatisfy { $0.isASCIIWordCharacter || $0 == "-" }
            && !name.allSatisfy(\.isASCIIDigit)
    }
}
