/// One parser of client input, packaged for libFuzzer and for the corpus-replay tests.
///
/// A target takes arbitrary bytes, hands them to its parser (and to what a service does next
/// with the result, such as evaluating a parsed path), and returns. It never traps by itself:
/// refusals are thrown errors or nil results, which the target discards. So any crash,
/// sanitizer report, hang or runaway allocation the fuzzer finds is a bug in the parser.
///
/// ```swift
/// FuzzTarget.all["json"]?.run(Array(#"{"a":[1,2]}"#.utf8))
/// ```
package struct FuzzTarget: Sendable {
    /// The name `scripts/fuzz`, `brume-fuzz` and the corpus folder use (`fuzz/corpus/<name>/`).
    package let name: String
    /// What the target feeds, and how it reads its bytes.
    package let summary: String
    /// Feeds one input to the parser.
    package let run: @Sendable ([UInt8]) -> Void

    package init(name: String, summary: String, run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.summary = summary
        self.run = run
    }

    /// Every target, in the order `scripts/fuzz all` runs them.
    package static let ordered: [FuzzTarget] = [
        FuzzTarget(name: "json", summary: JSONReaderTarget.summary, run: JSONReaderTarget.run),
        FuzzTarget(name: "xml", summary: XMLReaderTarget.summary, run: XMLReaderTarget.run),
        FuzzTarget(name: "query", summary: QueryDecoderTarget.summary, run: QueryDecoderTarget.run),
        FuzzTarget(name: "aws-chunked", summary: AWSChunkedTarget.summary, run: AWSChunkedTarget.run),
        FuzzTarget(name: "sigv4", summary: SigV4Target.summary, run: SigV4Target.run),
        FuzzTarget(name: "timestamps", summary: TimestampTarget.summary, run: TimestampTarget.run),
        FuzzTarget(name: "jsonpath", summary: JSONPathTarget.summary, run: JSONPathTarget.run),
        FuzzTarget(name: "intrinsics", summary: IntrinsicTarget.summary, run: IntrinsicTarget.run),
        FuzzTarget(name: "asl", summary: ASLDefinitionTarget.summary, run: ASLDefinitionTarget.run),
        FuzzTarget(name: "event-pattern", summary: EventPatternTarget.summary, run: EventPatternTarget.run),
        FuzzTarget(name: "input-transformer", summary: InputTransformerTarget.summary, run: InputTransformerTarget.run),
        FuzzTarget(name: "items-csv", summary: CSVItemsTarget.summary, run: CSVItemsTarget.run),
        FuzzTarget(name: "items-jsonl", summary: JSONLinesItemsTarget.summary, run: JSONLinesItemsTarget.run),
        FuzzTarget(name: "items-json", summary: JSONArrayItemsTarget.summary, run: JSONArrayItemsTarget.run),
        FuzzTarget(name: "inventory-manifest", summary: InventoryManifestTarget.summary, run: InventoryManifestTarget.run),
        FuzzTarget(name: "gzip", summary: GzipTarget.summary, run: GzipTarget.run),
        FuzzTarget(name: "config", summary: ConfigLoaderTarget.summary, run: ConfigLoaderTarget.run),
        FuzzTarget(name: "vtl", summary: VTLTarget.summary, run: VTLTarget.run),
        FuzzTarget(name: "apigateway-invoke", summary: GatewayTarget.summary, run: GatewayTarget.run),
        FuzzTarget(name: "iam-policy", summary: IAMPolicyTarget.summary, run: IAMPolicyTarget.run),
        FuzzTarget(name: "clock-duration", summary: ClockDurationTarget.summary, run: ClockDurationTarget.run),
        FuzzTarget(name: "kms-ciphertext", summary: KMSCiphertextTarget.summary, run: KMSCiphertextTarget.run),
        FuzzTarget(name: "openapi", summary: OpenAPIDocumentTarget.summary, run: OpenAPIDocumentTarget.run),
        FuzzTarget(name: "apikey-csv", summary: APIKeyFileTarget.summary, run: APIKeyFileTarget.run),
    ]

    /// Every target by name.
    package static let all: [String: FuzzTarget] = Dictionary(uniqueKeysWithValues: ordered.map { ($0.name, $0) })
}
