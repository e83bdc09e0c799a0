import BrumeCore

/// The stack config loader (`localstack.yml`, `brume up --config`): YAML, then Brume's schema.
enum ConfigLoaderTarget {
    static let summary = "StackConfig.parse on the input as YAML text"

    static func run(_ data: [UInt8]) {
        _ = try? StackConfig.parse(yaml: FuzzInput.text(data), file: "fuzz.yml")
    }
}
