// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Brume",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brume", targets: ["brume"]),
        // The runtime-client library Swift functions link (see "Writing a Swift function" in the README).
        .library(name: "BrumeFunction", targets: ["BrumeFunction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // API Gateway reads OpenAPI 3.0 documents (ImportRestApi, PutRestApi) with it; external
        // references are never loaded, so its ExternalLoading trait stays off.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    ],
    targets: [
        .target(
            name: "BrumeCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeWire",
            dependencies: [
                "BrumeCore", "BrumeSigV4",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeStorage",
            dependencies: [
                "BrumeCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeEdge",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeSigV4",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeS3",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge", "BrumeSigV4",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeStates",
            dependencies: [
                "BrumeWire", "BrumeSigV4",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The Velocity Template Language engine behind API Gateway's mapping templates: lexer,
        // parser and evaluator, with no I/O, so the gateway, its tests and the fuzzer share it.
        .target(name: "BrumeVTL", dependencies: ["BrumeCore"], swiftSettings: swiftSettings),
        // IAM's policy language: documents validated as IAM validates them and evaluated as AWS
        // evaluates them, with no I/O, so the edge, IAM's simulator and the tests share one evaluator.
        .target(name: "BrumeIAMPolicy", dependencies: ["BrumeWire"], swiftSettings: swiftSettings),
        // OpenAPI 3.0 and Swagger 2.0 documents read as API Gateway's ImportRestApi reads them (JSON
        // or YAML, Swagger rewritten into 3.0, decoded by OpenAPIKit), with no I/O, so the gateway
        // and the fuzzer share it.
        .target(
            name: "BrumeOpenAPI",
            dependencies: [
                "BrumeWire",
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeAPIGateway",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge", "BrumeSigV4", "BrumeVTL", "BrumeOpenAPI", "BrumeGatewayRules",
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // EventBridge's pure rule logic (pattern matching, input transformation): no I/O, so the
        // service and its tests share one matcher.
        .target(name: "BrumeEventRules", dependencies: ["BrumeWire"], swiftSettings: swiftSettings),
        // API Gateway's data-plane rules for what clients and functions send (invoke URLs, routes,
        // JSON Schema bodies, Lambda proxy answers, authorizer policies): no I/O, so the gateway, its
        // tests and the fuzzer share them.
        .target(name: "BrumeGatewayRules", dependencies: ["BrumeWire"], swiftSettings: swiftSettings),
        // IAM and STS (query protocol) over one backend the edge also reads issued credentials from.
        .target(
            name: "BrumeIAM",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeEdge", "BrumeIAMPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeSQS",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeStepFunctions",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge", "BrumeStates",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeLambda",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Bootstraps")],
            swiftSettings: swiftSettings
        ),
        // KMS's ciphertext blob format and its AES-GCM, pure so the fuzzer can link it.
        .target(name: "BrumeKMSBlob", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        // KMS (awsJson1.1, TrentService): keys, aliases and real cryptography, material sealed at rest.
        .target(
            name: "BrumeKMS",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge", "BrumeKMSBlob", "BrumeIAMPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeLogs",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeEvents",
            dependencies: [
                "BrumeCore", "BrumeWire", "BrumeStorage", "BrumeEdge", "BrumeEventRules",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeStack",
            dependencies: [
                "BrumeCore", "BrumeEdge", "BrumeAPIGateway", "BrumeEvents", "BrumeIAM", "BrumeLambda", "BrumeLogs", "BrumeS3", "BrumeSQS", "BrumeStepFunctions", "BrumeWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                "BrumeKMS",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BrumeTesting",
            dependencies: [
                "BrumeCore", "BrumeEdge", "BrumeS3", "BrumeSQS", "BrumeStack",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "brume",
            dependencies: [
                "BrumeCore", "BrumeEdge", "BrumeStack", "BrumeSigV4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // No dependencies: a function's cold start is the process's own start-up.
        .target(name: "BrumeFunction", swiftSettings: swiftSettings),
        // The reference Swift function: a provided.al2023 bootstrap built from functions/echo-swift.
        .executableTarget(name: "echo-swift", dependencies: ["BrumeFunction"], path: "functions/echo-swift", swiftSettings: swiftSettings),
        .executableTarget(
            name: "brume-bench-states",
            dependencies: ["BrumeStates", "BrumeWire"],
            swiftSettings: swiftSettings
        ),
        // One fuzz target per parser of client input; only pure modules, so the instrumented
        // build (scripts/fuzz) stays small.
        .target(
            name: "BrumeFuzzTargets",
            dependencies: ["BrumeCore", "BrumeWire", "BrumeSigV4", "BrumeStates", "BrumeEventRules", "BrumeVTL", "BrumeIAMPolicy", "BrumeKMSBlob", "BrumeGatewayRules", "BrumeOpenAPI"],
            swiftSettings: swiftSettings
        ),
        // libFuzzer driver when built with -sanitize=fuzzer -DBRUME_LIBFUZZER, a replayer otherwise.
        .executableTarget(name: "brume-fuzz", dependencies: ["BrumeFuzzTargets"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeCoreTests", dependencies: ["BrumeCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeEdgeTests",
            dependencies: [
                "BrumeEdge", "BrumeCore", "BrumeWire", "BrumeSigV4",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BrumeSigV4Tests",
            dependencies: ["BrumeSigV4", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrumeWireTests", dependencies: ["BrumeWire"], resources: [.copy("Golden")], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeStorageTests",
            dependencies: ["BrumeStorage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrumeEventRulesTests", dependencies: ["BrumeEventRules", "BrumeWire"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeStatesTests", dependencies: ["BrumeStates", "BrumeWire"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeSQSTests",
            dependencies: ["BrumeSQS", "BrumeWire", "BrumeCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BrumeStepFunctionsTests",
            dependencies: [
                "BrumeStepFunctions", "BrumeStates", "BrumeWire", "BrumeCore", "BrumeEdge", "BrumeSigV4", "BrumeTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrumeFuzzTests", dependencies: ["BrumeFuzzTargets", "BrumeStates", "BrumeWire"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeFunctionTests", dependencies: ["BrumeFunction"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeLambdaTests",
            dependencies: [
                "BrumeLambda", "BrumeWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrumeVTLTests", dependencies: ["BrumeVTL"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeIAMPolicyTests", dependencies: ["BrumeIAMPolicy", "BrumeWire"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeIAMTests", dependencies: ["BrumeIAM", "BrumeEdge", "BrumeCore", "BrumeWire"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeAPIGatewayTests", dependencies: ["BrumeAPIGateway", "BrumeGatewayRules", "BrumeVTL", "BrumeWire", "BrumeCore"], swiftSettings: swiftSettings),
        .testTarget(name: "BrumeEventsTests", dependencies: ["BrumeEvents", "BrumeEventRules", "BrumeWire", "BrumeCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeKMSTests",
            dependencies: ["BrumeKMS", "BrumeKMSBlob", "BrumeWire", "BrumeCore", "BrumeEdge", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BrumeLogsTests", dependencies: ["BrumeLogs", "BrumeWire", "BrumeCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BrumeS3Tests",
            dependencies: [
                "BrumeS3", "BrumeEdge", "BrumeTesting", "BrumeStorage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
