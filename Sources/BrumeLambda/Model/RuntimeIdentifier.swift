/// A function's `Runtime` and what Brume starts for it.
///
/// Brume runs functions as local processes, so a runtime is a program on this machine: the
/// Python and Node interpreters with Brume's bootstraps, or the function's own `bootstrap`
/// executable for the OS-only runtimes. Runtimes AWS has deprecated for creation are refused
/// with AWS's message; runtimes AWS offers but Brume cannot start (Java, .NET, Ruby) are
/// refused at creation with a message that says so, never accepted and failed at invoke.
enum RuntimeIdentifier: Sendable, Equatable {
    /// `python3.x`: Brume's Python bootstrap loads `module.function` from the code.
    case python(version: String)
    /// `nodejs*`: Brume's Node bootstrap loads `file.export` from the code.
    case node(version: String)
    /// `provided`, `provided.al2`, `provided.al2023`: the code's own `bootstrap` executable.
    case provided(String)

    /// The runtime's name as the API spells it.
    var name: String {
        switch self {
        case .python(let version): "python\(version)"
        case .node(let version): "nodejs\(version)"
        case .provided(let name): name
        }
    }

    /// Parses and checks a `Runtime` member for CreateFunction or UpdateFunctionConfiguration.
    /// - Throws: ``LambdaError`` as AWS words it for unknown, deprecated and unrunnable runtimes.
    init(validating name: String) throws(LambdaError) {
        guard Self.modelRuntimes.contains(name) else {
            throw .validation(
                "1 validation error detected: Value '\(name)' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ["
                    + Self.modelRuntimes.joined(separator: ", ") + "] or be a valid ARN"
            )
        }
        if let replacement = Self.deprecated[name] {
            throw .invalidParameterValue(
                "The runtime parameter of \(name) is no longer supported for creating or updating AWS Lambda functions. "
                    + "We recommend you use the new runtime (\(replacement)) while creating or updating functions."
            )
        }
        if name.hasPrefix("python3.") {
            self = .python(version: String(name.dropFirst("python".count)))
        } else if name.hasPrefix("nodejs") {
            self = .node(version: String(name.dropFirst("nodejs".count)))
        } else if name.hasPrefix("provided") {
            self = .provided(name)
        } else {
            throw .invalidParameterValue(
                "Brume cannot run the \(name) runtime yet: it runs python3.x, nodejs*.x and provided (an executable bootstrap) functions locally."
            )
        }
    }

    /// `AWS_EXECUTION_ENV`, as AWS sets it for managed runtimes (unset for OS-only runtimes).
    var executionEnvironment: String? {
        switch self {
        case .python, .node: "AWS_Lambda_\(name)"
        case .provided: nil
        }
    }

    /// Every runtime value in botocore's model.
    static let modelRuntimes = [
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8",
        "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0",
        "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided",
        "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x",
        "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x", "nodejs24.x", "python3.14", "java25", "dotnet10", "ruby4.0",
    ]

    /// Runtimes AWS no longer lets a function be created or updated with, and the replacement
    /// its message recommends.
    static let deprecated: [String: String] = [
        "nodejs": "nodejs22.x", "nodejs4.3": "nodejs22.x", "nodejs4.3-edge": "nodejs22.x", "nodejs6.10": "nodejs22.x",
        "nodejs8.10": "nodejs22.x", "nodejs10.x": "nodejs22.x", "nodejs12.x": "nodejs22.x", "nodejs14.x": "nodejs22.x",
        "nodejs16.x": "nodejs22.x", "python2.7": "python3.13", "python3.6": "python3.13", "python3.7": "python3.13",
        "python3.8": "python3.13", "dotnetcore1.0": "dotnet8", "dotnetcore2.0": "dotnet8", "dotnetcore2.1": "dotnet8",
        "dotnetcore3.1": "dotnet8", "dotnet6": "dotnet8", "go1.x": "provided.al2023", "ruby2.5": "ruby3.3", "ruby2.7": "ruby3.3",
        "java8": "java21",
    ]
}
